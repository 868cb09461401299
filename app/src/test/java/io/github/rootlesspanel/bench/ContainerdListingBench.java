package io.github.rootlesspanel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.rootlesspanel.containers.ContainerdClient;
import io.github.rootlesspanel.containers.ContainersService;
import io.github.rootlesspanel.testsupport.RealContainers;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * Listing 200 containers: the panel's read over containerd's gRPC API (connect, every namespace's containers, each
 * with what nerdctl's labels and files and bypass4netnsd say — what the Containers page and
 * {@code rootless-panel containers --json} read) against {@code ctr containers list}, alternating. The containers
 * are real, in the test user's real rootless containerd (Debian's, under Debian's RootlessKit), made with
 * {@code ctr containers create} from the busybox image built here (nerdctl has no Debian package); they have no
 * tasks, so no process is started, and they are removed afterwards.
 */
@Tag("real-parts")
class ContainerdListingBench {

    static final int CONTAINERS = 200;
    static final int ROUNDS = 21;
    static final String PREFIX = "rp-bench-";

    @TempDir
    Path tmp;

    @BeforeEach
    @AfterEach
    void clean() throws Exception {
        TestUser.removeUnit("containerd.service");
        Files.deleteIfExists(TestUser.unitDir().resolve("containerd.service.bak"));
    }

    @Test
    void panelListingAgainstCtr() throws Exception {
        TestUser.Result installed = TestUser.panel("install", "containerd");
        assertThat(installed.exitCode()).as(installed.output()).isZero();
        Path socket = ContainerdClient.defaultSocket(System.getenv());
        RealContainers rc = new RealContainers(socket, tmp);
        rc.importImage();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < CONTAINERS; i++) {
                String id = PREFIX + i;
                RealContainers.Out made = rc.ctr(true, "containers", "create", "--label", "nerdctl/name=bench" + i,
                        RealContainers.IMAGE, id, "sleep", "600");
                assertThat(made.code()).as(made.text()).isZero();
                ids.add(id);
            }
            ContainersService service = ContainersService.forThisUser(System.getenv(), null);
            // the read of every container is package-private in containers/ (the page and the command line call
            // it through read(), which also probes the host for bypass4netns: processes this benchmark leaves out)
            Method views = ContainersService.class.getDeclaredMethod("views", ContainerdClient.class);
            views.setAccessible(true);
            int[] seen = new int[1];
            List<String> ctrList = List.of("ctr", "--address", socket.toString(), "containers", "list");
            double[][] ms = Paired.measure(2, ROUNDS, List.of(
                    () -> {
                        try (ContainerdClient client = ContainerdClient.connect(socket)) {
                            seen[0] = ((List<?>) views.invoke(service, client)).size();
                        }
                    },
                    () -> Paired.process(ctrList)));
            assertThat(seen[0]).isGreaterThanOrEqualTo(CONTAINERS);
            Bench.record(new Bench.Result("containerd-listing", "containerd listing",
                    new Bench.Series("list " + CONTAINERS + " containers over gRPC (the panel's read)", "ms", ms[0]))
                    .reference(new Bench.Series("ctr containers list", "ms", ms[1]))
                    .note("the panel's read runs in a warm JVM and opens a new connection each time; ctr's time "
                            + "includes starting its process")
                    .note("real containers without tasks (ctr containers create), so no per-container network "
                            + "namespace is read"));
        } finally {
            for (int i = 0; i < ids.size(); i += 50) {
                List<String> batch = ids.subList(i, Math.min(ids.size(), i + 50));
                List<String> rm = new ArrayList<>(List.of("containers", "rm"));
                rm.addAll(batch);
                rc.ctr(true, rm.toArray(String[]::new));
            }
        }
    }
}
