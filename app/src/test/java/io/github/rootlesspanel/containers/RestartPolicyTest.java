package io.github.rootlesspanel.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** containerd's restart policy label as nerdctl's --restart writes it. */
class RestartPolicyTest {

    @Test
    void parseTable() {
        Object[][] table = {
                {"always", new RestartPolicy("always", 0)},
                {"unless-stopped", new RestartPolicy("unless-stopped", 0)},
                {"on-failure", new RestartPolicy("on-failure", 0)},
                {"on-failure:3", new RestartPolicy("on-failure", 3)},
                {"on-failure:0", new RestartPolicy("on-failure", 0)},
                {" always ", new RestartPolicy("always", 0)},
                {null, null},
                {"", null},
                {"no", null},
                {"always:3", null},
                {"unless-stopped:1", null},
                {"on-failure:", null},
                {"on-failure:-1", null},
                {"on-failure:x", null},
                {"on-failure:1:2", null},
                {"sometimes", null},
                {"Always", null},
        };
        for (Object[] row : table) {
            assertThat(RestartPolicy.parse((String) row[0])).as(Arrays.toString(row))
                    .isEqualTo(Optional.ofNullable((RestartPolicy) row[1]));
        }
    }

    @Test
    void flagValueRoundTrips() {
        for (String v : new String[] {"always", "unless-stopped", "on-failure", "on-failure:5"}) {
            assertThat(RestartPolicy.parse(v).orElseThrow().flagValue()).isEqualTo(v);
        }
        assertThat(new RestartPolicy("on-failure", 0).flagValue()).isEqualTo("on-failure");
    }
}
