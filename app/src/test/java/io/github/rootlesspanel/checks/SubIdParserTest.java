package io.github.rootlesspanel.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.rootlesspanel.host.SubIdParser;
import io.github.rootlesspanel.host.SubIdParser.Range;

class SubIdParserTest {

    @Test
    void parsesWhatUseraddWrites() {
        List<Range> all = SubIdParser.parse("rptest:100000:65536\nrpenv:165536:65536\n");
        assertThat(all).containsExactly(new Range("rptest", 100000, 65536), new Range("rpenv", 165536, 65536));
        assertThat(all.get(0).end()).isEqualTo(165535);
        assertThat(all.get(0).toString()).isEqualTo("rptest:100000:65536");
    }

    @Test
    void skipsCommentsBlankAndMalformedLines() {
        List<Range> all = SubIdParser.parse("""
                # comment
                
                alice:100000:65536
                broken line
                bob:x:65536
                carol:100000
                :1:2
                dave:-5:10
                erin:200000:0
                  frank : 300000 : 65536  \r
                """);
        assertThat(all).extracting(Range::owner).containsExactly("alice", "frank");
    }

    @Test
    void matchesByNameOrByUidAndCollectsEveryLine() {
        List<Range> all = SubIdParser.parse("alice:100000:65536\n1000:300000:1000\nbob:165536:65536\nalice:400000:10\n");
        assertThat(SubIdParser.forUser(all, "alice", 1000))
                .containsExactly(new Range("alice", 100000, 65536), new Range("1000", 300000, 1000),
                        new Range("alice", 400000, 10));
        assertThat(SubIdParser.forUser(all, "zoe", 2000)).isEmpty();
        assertThat(SubIdParser.largestCount(SubIdParser.forUser(all, "alice", 1000))).isEqualTo(65536);
        assertThat(SubIdParser.largestCount(List.of())).isZero();
    }

    @Test
    void nextFreeStartIsAfterEveryRange() {
        assertThat(SubIdParser.nextFreeStart(List.of())).isEqualTo(100000);
        assertThat(SubIdParser.nextFreeStart(SubIdParser.parse("a:100000:65536\nb:165536:65536\n"))).isEqualTo(231072);
        assertThat(SubIdParser.nextFreeStart(SubIdParser.parse("a:10:5\n"))).isEqualTo(100000);
        assertThat(SubIdParser.parse(null)).isEmpty();
    }
}
