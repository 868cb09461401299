package io.github.rootlesspanel.containerdconfig;

import static io.github.rootlesspanel.containerdconfig.Checks.BOTH;
import static io.github.rootlesspanel.containerdconfig.Checks.FUSE;
import static io.github.rootlesspanel.containerdconfig.Checks.STARGZ;
import static io.github.rootlesspanel.containerdconfig.Corpus.DIRS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tomlj.TomlParseResult;

import io.github.rootlesspanel.config.containerd.ConfigMerge;
import io.github.rootlesspanel.config.containerd.ConfigMerge.Result;
import io.github.rootlesspanel.config.containerd.ConfigParseException;
import io.github.rootlesspanel.config.containerd.Conflict;
import io.github.rootlesspanel.config.containerd.Snapshotter;
import io.github.rootlesspanel.config.containerd.SnapshotterStanza;
import io.github.rootlesspanel.config.containerd.UserDirs;

/** Where the merge puts things, what it reports, and the cases the corpus invariants do not pin down. */
class ConfigMergeTest {

    private static final String UNPACK = "plugins.\"io.containerd.transfer.v1.local\".unpack_config";

    @Test
    void anEmptyFileGetsTheSetupToolsStanzaWithVersionTwo() throws Exception {
        Result r = ConfigMerge.enable("", FUSE, DIRS);
        assertThat(r.text()).isEqualTo("""
                version = 2 # rootless-panel:fuse-overlayfs
                [proxy_plugins] # rootless-panel:fuse-overlayfs
                  [proxy_plugins."fuse-overlayfs"] # rootless-panel:fuse-overlayfs
                    type = "snapshot" # rootless-panel:fuse-overlayfs
                    address = "/run/user/1001/containerd-fuse-overlayfs.sock" # rootless-panel:fuse-overlayfs
                  [proxy_plugins."fuse-overlayfs".exports] # rootless-panel:fuse-overlayfs
                    root = "/home/rptest/.local/share/containerd-fuse-overlayfs/" # rootless-panel:fuse-overlayfs
                    enable_remote_snapshot_annotations = "true" # rootless-panel:fuse-overlayfs
                [[plugins."io.containerd.transfer.v1.local".unpack_config]] # rootless-panel:fuse-overlayfs
                  platform = "linux" # rootless-panel:fuse-overlayfs
                  snapshotter = "fuse-overlayfs" # rootless-panel:fuse-overlayfs
                [[plugins."io.containerd.transfer.v1.local".unpack_config]] # rootless-panel:fuse-overlayfs
                  platform = "linux" # rootless-panel:fuse-overlayfs
                  snapshotter = "overlayfs" # rootless-panel:fuse-overlayfs
                """);
        assertThat(r.changed()).isTrue();
        assertThat(r.conflicts()).isEmpty();
        assertThat(ConfigMerge.disable(r.text(), FUSE, DIRS).text()).isEmpty();
    }

    @Test
    void bothSnapshottersShareOneProxyPluginsAndOneOverlayfsEntry() throws Exception {
        Result r = ConfigMerge.enable("", BOTH, DIRS);
        assertThat(Checks.headerLines(r.text(), List.of("proxy_plugins"))).isEqualTo(1);
        TomlParseResult t = Checks.parse(r.text());
        assertThat(t.getTable("proxy_plugins").keySet()).containsExactly("fuse-overlayfs", "stargz");
        assertThat(Checks.unpackCount(t, "overlayfs")).isEqualTo(1);
        assertThat(Checks.unpackCount(t, "fuse-overlayfs")).isEqualTo(1);
        assertThat(Checks.unpackCount(t, "stargz")).isEqualTo(1);
        assertThat(t.getString(List.of("proxy_plugins", "stargz", "address")))
                .isEqualTo("/run/user/1001/containerd-stargz-grpc/containerd-stargz-grpc.sock");
        assertThat(t.getString(List.of("proxy_plugins", "stargz", "exports", "root")))
                .isEqualTo("/home/rptest/.local/share/containerd-stargz-grpc/");
    }

    @Test
    void theUsersOwnDirectoriesGoIntoTheStanza() throws Exception {
        UserDirs mine = new UserDirs(Path.of("/run/user/4242"), Path.of("/data/me with space/share/"));
        TomlParseResult t = Checks.parse(ConfigMerge.enable(Corpus.text("01-test-env-v2.toml"), BOTH, mine).text());
        assertThat(t.getString("proxy_plugins.\"fuse-overlayfs\".address"))
                .isEqualTo("/run/user/4242/containerd-fuse-overlayfs.sock");
        assertThat(t.getString("proxy_plugins.\"fuse-overlayfs\".exports.root"))
                .isEqualTo("/data/me with space/share/containerd-fuse-overlayfs/");
        assertThat(t.getString("proxy_plugins.stargz.address"))
                .isEqualTo("/run/user/4242/containerd-stargz-grpc/containerd-stargz-grpc.sock");
        assertThat(t.toJson()).doesNotContain("/run/user/1000");
    }

    @Test
    void directoriesComeFromTheEnvironmentLikeTheSetupToolReadsThem() {
        UserDirs d = UserDirs.fromEnvironment(Map.of("XDG_RUNTIME_DIR", "/run/user/1001"), Path.of("/home/rptest"));
        assertThat(d).isEqualTo(new UserDirs(Path.of("/run/user/1001"), Path.of("/home/rptest/.local/share")));
        d = UserDirs.fromEnvironment(Map.of("XDG_RUNTIME_DIR", "/run/user/1001", "XDG_DATA_HOME", "rel/ative"),
                Path.of("/home/rptest"));
        assertThat(d.xdgDataHome()).isEqualTo(Path.of("/home/rptest/.local/share"));
        d = UserDirs.fromEnvironment(Map.of("XDG_RUNTIME_DIR", "/run/user/1001", "XDG_DATA_HOME", "/srv/data"),
                Path.of("/home/rptest"));
        assertThat(d.xdgDataHome()).isEqualTo(Path.of("/srv/data"));
        assertThatThrownBy(() -> UserDirs.fromEnvironment(Map.of(), Path.of("/home/rptest")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSetupToolsSnippetIsReproducedAsPrinted() throws Exception {
        String fuse = SnapshotterStanza.of(Snapshotter.FUSE_OVERLAYFS, DIRS).setupToolSnippet();
        assertThat(fuse).isEqualTo("""
                ### BEGIN ###
                [proxy_plugins]
                  [proxy_plugins."fuse-overlayfs"]
                    type = "snapshot"
                    address = "/run/user/1001/containerd-fuse-overlayfs.sock"
                  [proxy_plugins."fuse-overlayfs".exports]
                    root = "/home/rptest/.local/share/containerd-fuse-overlayfs/"
                enable_remote_snapshot_annotations = "true"
                [[plugins."io.containerd.transfer.v1.local".unpack_config]]
                platform = "linux"
                snapshotter = "fuse-overlayfs"
                [[plugins."io.containerd.transfer.v1.local".unpack_config]]
                platform = "linux"
                snapshotter = "overlayfs"
                ###  END  ###
                """);
        for (Snapshotter s : Snapshotter.values()) {
            SnapshotterStanza st = SnapshotterStanza.of(s, DIRS);
            TomlParseResult t = Checks.parse(st.setupToolSnippet());
            for (SnapshotterStanza.Setting x : st.settings()) {
                assertThat(t.get(x.path())).as(x.dottedKey()).isEqualTo(x.value());
            }
        }
    }

    @Test
    void aPastedSnippetGetsNothingAdded() throws Exception {
        for (Snapshotter s : Snapshotter.values()) {
            String pasted = "version = 2\n\n" + SnapshotterStanza.of(s, DIRS).setupToolSnippet();
            Result r = ConfigMerge.enable(pasted, Set.of(s), DIRS);
            assertThat(r.changed()).isFalse();
            assertThat(r.text()).isSameAs(pasted);
            assertThat(r.conflicts()).isEmpty();
        }
        for (var c : List.of(Map.entry("05-fuse-snippet-pasted.toml", FUSE), Map.entry("06-stargz-snippet-pasted.toml", STARGZ),
                Map.entry("07-both-merged-by-hand.toml", BOTH))) {
            Result r = ConfigMerge.enable(Corpus.text(c.getKey()), c.getValue(), DIRS);
            assertThat(r.changed()).as(c.getKey()).isFalse();
            assertThat(r.conflicts()).as(c.getKey()).isEmpty();
        }
    }

    @Test
    void bothSnippetsPastedVerbatimAreNotValidTomlAndNothingIsProduced() {
        String text = SnapshotterStanza.of(Snapshotter.FUSE_OVERLAYFS, DIRS).setupToolSnippet()
                + SnapshotterStanza.of(Snapshotter.STARGZ, DIRS).setupToolSnippet();
        assertThatThrownBy(() -> ConfigMerge.enable(text, BOTH, DIRS))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(17); // the second [proxy_plugins]
                    assertThat(e.column()).isEqualTo(1);
                    assertThat(e.reason()).contains("proxy_plugins").contains("previously defined");
                    assertThat(e.getMessage()).startsWith("line 17, column 1: ");
                });
    }

    @Test
    void parseErrorsHaveLineAndColumn() {
        assertThatThrownBy(() -> ConfigMerge.enable("version = 2\n[grpc\n  address = \"x\"\n", FUSE, DIRS))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(6);
                    assertThat(e.reason()).doesNotContain("(line");
                    assertThat(e.all()).isNotEmpty();
                });
        assertThatThrownBy(() -> ConfigMerge.disable("a = \"unterminated\n", FUSE, DIRS))
                .isInstanceOfSatisfying(ConfigParseException.class, e -> assertThat(e.line()).isEqualTo(1));
        // TOML 1.1 only (containerd reads TOML 1.0): a line break inside an inline table
        assertThatThrownBy(() -> ConfigMerge.enable("a = {\n b = 1 }\n", FUSE, DIRS))
                .isInstanceOf(ConfigParseException.class);
    }

    @Test
    void aDifferentAddressIsKeptAndReported() throws Exception {
        String in = Corpus.text("13-docs-variant-fuse.toml");
        Result r = ConfigMerge.enable(in, FUSE, DIRS);
        assertThat(r.conflicts()).containsExactly(new Conflict("proxy_plugins.\"fuse-overlayfs\".address",
                "\"/run/user/1000/containerd-fuse-overlayfs.sock\"", "\"/run/user/1001/containerd-fuse-overlayfs.sock\"",
                Conflict.Kind.DIFFERENT_VALUE));
        assertThat(r.conflicts().get(0).describe()).contains("Kept yours");
        TomlParseResult t = Checks.parse(r.text());
        assertThat(t.getString("proxy_plugins.\"fuse-overlayfs\".address"))
                .isEqualTo("/run/user/1000/containerd-fuse-overlayfs.sock");
        assertThat(r.text()).doesNotContain("/run/user/1001/containerd-fuse-overlayfs.sock");
        // what was missing was still added: exports, and overlayfs next to the user's own unpack entry
        assertThat(t.getString("proxy_plugins.\"fuse-overlayfs\".exports.enable_remote_snapshot_annotations"))
                .isEqualTo("true");
        assertThat(Checks.unpackCount(t, "fuse-overlayfs")).isEqualTo(1);
        assertThat(Checks.unpackCount(t, "overlayfs")).isEqualTo(1);
    }

    @Test
    void valuesOfAnotherTypeAreKeptAndReported() throws Exception {
        Result r = ConfigMerge.enable(Corpus.text("20-user-stargz-own-values.toml"), STARGZ, DIRS);
        assertThat(r.conflicts()).extracting(Conflict::key, Conflict::found).containsExactly(
                org.assertj.core.groups.Tuple.tuple("proxy_plugins.stargz.exports.root", "\"/srv/stargz/\""),
                org.assertj.core.groups.Tuple.tuple("proxy_plugins.stargz.exports.enable_remote_snapshot_annotations", "true"));
        TomlParseResult t = Checks.parse(r.text());
        assertThat(t.getBoolean("proxy_plugins.stargz.exports.enable_remote_snapshot_annotations")).isTrue();
        assertThat(Checks.unpackCount(t, "stargz")).isEqualTo(1);
    }

    @Test
    void keysMissingFromTheUsersTableGoAfterItsLastKey() throws Exception {
        String in = """
                version = 2
                [proxy_plugins."fuse-overlayfs"]
                   type = "snapshot"   # mine

                [grpc]
                  address = "/run/user/1001/containerd/containerd.sock"
                """;
        Result r = ConfigMerge.enable(in, FUSE, DIRS);
        assertThat(r.text()).startsWith("""
                version = 2
                [proxy_plugins."fuse-overlayfs"]
                   type = "snapshot"   # mine
                   address = "/run/user/1001/containerd-fuse-overlayfs.sock" # rootless-panel:fuse-overlayfs
                [proxy_plugins."fuse-overlayfs".exports] # rootless-panel:fuse-overlayfs
                  root = "/home/rptest/.local/share/containerd-fuse-overlayfs/" # rootless-panel:fuse-overlayfs
                  enable_remote_snapshot_annotations = "true" # rootless-panel:fuse-overlayfs

                [grpc]
                """);
        // no [proxy_plugins] header when the table exists through its sub-tables
        assertThat(Checks.headerLines(r.text(), List.of("proxy_plugins"))).isZero();
        assertThat(ConfigMerge.disable(r.text(), FUSE, DIRS).text()).isEqualTo(in);
    }

    @Test
    void aNewPluginJoinsTheOtherProxyPlugins() throws Exception {
        String in = """
                [proxy_plugins.nydus]
                  type = "snapshot"
                  address = "/run/user/1001/containerd-nydus/containerd-nydus-grpc.sock"
                # comment before grpc
                [grpc]
                  address = "/run/user/1001/containerd/containerd.sock"
                """;
        Result r = ConfigMerge.enable(in, STARGZ, DIRS);
        List<String> lines = Checks.lines(r.text());
        assertThat(lines.get(0)).isEqualTo("version = 2 # rootless-panel:stargz");
        assertThat(lines.get(4)).isEqualTo("[proxy_plugins.stargz] # rootless-panel:stargz");
        assertThat(lines.get(10)).isEqualTo("# comment before grpc");
        assertThat(Checks.headerLines(r.text(), List.of("proxy_plugins"))).isZero();
        Checks.enabled(in, STARGZ, r.text(), r.conflicts());
    }

    @Test
    void aPluginTableThatOnlyExistsThroughItsExportsGetsItsHeaderAfterThem() throws Exception {
        String in = """
                [proxy_plugins."fuse-overlayfs".exports]
                  root = "/home/rptest/.local/share/containerd-fuse-overlayfs/"
                """;
        Result r = ConfigMerge.enable(in, FUSE, DIRS);
        TomlParseResult t = Checks.parse(r.text());
        assertThat(t.getString("proxy_plugins.\"fuse-overlayfs\".type")).isEqualTo("snapshot");
        assertThat(t.getString("proxy_plugins.\"fuse-overlayfs\".exports.enable_remote_snapshot_annotations"))
                .isEqualTo("true");
        Checks.enabled(in, FUSE, r.text(), r.conflicts());
        assertThat(ConfigMerge.disable(r.text(), FUSE, DIRS).text()).isEqualTo(in);
    }

    @Test
    void dottedKeysAreExtendedWithDottedKeys() throws Exception {
        Result r = ConfigMerge.enable(Corpus.text("14-dotted-proxy.toml"), FUSE, DIRS);
        assertThat(r.text()).contains("""
                  fuse-overlayfs.address = "/run/user/1001/containerd-fuse-overlayfs.sock"
                  fuse-overlayfs.exports.root = "/home/rptest/.local/share/containerd-fuse-overlayfs/" # rootless-panel:fuse-overlayfs
                  fuse-overlayfs.exports.enable_remote_snapshot_annotations = "true" # rootless-panel:fuse-overlayfs
                """);
        assertThat(r.conflicts()).isEmpty();

        String rootDotted = """
                version = 2
                proxy_plugins.nydus.type = "snapshot"
                proxy_plugins.nydus.address = "/run/user/1001/containerd-nydus/containerd-nydus-grpc.sock"
                [grpc]
                  address = "/run/user/1001/containerd/containerd.sock"
                """;
        r = ConfigMerge.enable(rootDotted, FUSE, DIRS);
        assertThat(Checks.lines(r.text()).subList(3, 7)).containsExactly(
                "proxy_plugins.\"fuse-overlayfs\".type = \"snapshot\" # rootless-panel:fuse-overlayfs",
                "proxy_plugins.\"fuse-overlayfs\".address = \"/run/user/1001/containerd-fuse-overlayfs.sock\" # rootless-panel:fuse-overlayfs",
                "proxy_plugins.\"fuse-overlayfs\".exports.root = \"/home/rptest/.local/share/containerd-fuse-overlayfs/\" # rootless-panel:fuse-overlayfs",
                "proxy_plugins.\"fuse-overlayfs\".exports.enable_remote_snapshot_annotations = \"true\" # rootless-panel:fuse-overlayfs");
        assertThat(Checks.headerLines(r.text(), List.of("proxy_plugins"))).isZero();
        Checks.enabled(rootDotted, FUSE, r.text(), r.conflicts());
        assertThat(ConfigMerge.disable(r.text(), FUSE, DIRS).text()).isEqualTo(rootDotted);
    }

    @Test
    void anInlineProxyPluginsTableIsNotRewritten() throws Exception {
        String in = Corpus.text("15-inline-proxy.toml");
        Result r = ConfigMerge.enable(in, FUSE, DIRS);
        assertThat(r.text()).as("nothing added: not even an unpack entry for a plugin containerd will not have")
                .isEqualTo(in);
        assertThat(r.conflicts()).extracting(Conflict::kind).containsOnly(Conflict.Kind.CANNOT_ADD);
        assertThat(r.conflicts()).extracting(Conflict::key).contains("proxy_plugins.\"fuse-overlayfs\".address", UNPACK);
        assertThat(r.conflicts().get(0).found()).isEqualTo("proxy_plugins is an inline table");

        String inlineWithFuse = """
                version = 2
                [proxy_plugins]
                  "fuse-overlayfs" = { type = "snapshot", address = "/run/user/1001/containerd-fuse-overlayfs.sock" }
                """;
        r = ConfigMerge.enable(inlineWithFuse, FUSE, DIRS);
        // the plugin is there (inline): its exports cannot be added, its unpack entry can
        assertThat(r.conflicts()).extracting(Conflict::key).containsExactly(
                "proxy_plugins.\"fuse-overlayfs\".exports.root",
                "proxy_plugins.\"fuse-overlayfs\".exports.enable_remote_snapshot_annotations");
        assertThat(Checks.unpackCount(Checks.parse(r.text()), "fuse-overlayfs")).isEqualTo(1);
        Checks.enabled(inlineWithFuse, FUSE, r.text(), r.conflicts());
    }

    @Test
    void aStaticUnpackArrayIsNotRewritten() throws Exception {
        Result r = ConfigMerge.enable(Corpus.text("19-static-unpack-array.toml"), STARGZ, DIRS);
        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo(UNPACK);
            assertThat(c.kind()).isEqualTo(Conflict.Kind.CANNOT_ADD);
            assertThat(c.wanted()).isEqualTo("{ platform = \"linux\", snapshotter = \"stargz\" }");
        });
        TomlParseResult t = Checks.parse(r.text());
        assertThat(t.getString("proxy_plugins.stargz.type")).isEqualTo("snapshot");
    }

    @Test
    void anUnpackEntryForAnotherPlatformIsAConflict() throws Exception {
        String in = """
                version = 2
                [[plugins."io.containerd.transfer.v1.local".unpack_config]]
                  platform = "linux/amd64"
                  snapshotter = "stargz"
                """;
        Result r = ConfigMerge.enable(in, STARGZ, DIRS);
        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Conflict.Kind.DIFFERENT_VALUE);
            assertThat(c.found()).contains("\"linux/amd64\"");
        });
        assertThat(Checks.unpackCount(Checks.parse(r.text()), "stargz")).isEqualTo(1);
        assertThat(Checks.unpackCount(Checks.parse(r.text()), "overlayfs")).isEqualTo(1);
    }

    @Test
    void aConflictAboutTheSharedEntryIsReportedOnceAndEmptyImportsAreNoImports() throws Exception {
        // as `containerd config default` (1.7) writes it: imports = [] and an overlayfs entry for linux/amd64
        String in = """
                imports = []
                version = 2

                [plugins."io.containerd.transfer.v1.local"]
                  max_concurrent_downloads = 3

                  [[plugins."io.containerd.transfer.v1.local".unpack_config]]
                    differ = ""
                    platform = "linux/amd64"
                    snapshotter = "overlayfs"

                [proxy_plugins]
                """;
        Result r = ConfigMerge.enable(in, BOTH, DIRS);
        assertThat(r.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Conflict.Kind.DIFFERENT_VALUE);
            assertThat(c.found()).isEqualTo("an entry for \"overlayfs\" with platform \"linux/amd64\"");
        });
        assertThat(r.notes()).isEmpty();
        Checks.enabled(in, BOTH, r.text(), r.conflicts());
        assertThat(ConfigMerge.disable(r.text(), BOTH, DIRS).text()).isEqualTo(in);
    }

    @Test
    void versionIsAddedOnlyWhenMissingAndNothingDependsOnIt() throws Exception {
        // none, nothing against it: added before the first statement, after the file's opening comment
        Result r = ConfigMerge.enable("# my config\n\n[grpc]\n  address = \"/x\"\n", FUSE, DIRS);
        assertThat(r.text()).startsWith("# my config\n\nversion = 2 # rootless-panel:fuse-overlayfs\n[grpc]\n");
        assertThat(r.notes()).singleElement().asString().contains("Added version = 2");
        // a comment directly above the first statement stays with it
        r = ConfigMerge.enable("# opt plugin\n[plugins.\"io.containerd.internal.v1.opt\"]\n  path = \"/x\"\n", FUSE, DIRS);
        assertThat(r.text()).startsWith("version = 2 # rootless-panel:fuse-overlayfs\n# opt plugin\n");
        // versions 2 and 3 stay as they are
        for (String f : List.of("03-v3-cri.toml", "04-v3-nydus.toml", "01-test-env-v2.toml")) {
            String in = Corpus.text(f);
            TomlParseResult t = Checks.parse(ConfigMerge.enable(in, BOTH, DIRS).text());
            assertThat(t.getLong("version")).as(f).isEqualTo(Checks.parse(in).getLong("version"));
        }
        // version-1 short plugin IDs, imports: left without one, with a note
        r = ConfigMerge.enable(Corpus.text("16-v1-short-ids.toml"), FUSE, DIRS);
        assertThat(Checks.parse(r.text()).contains("version")).isFalse();
        assertThat(r.notes()).singleElement().asString().contains("[plugins.cri]");
        r = ConfigMerge.enable(Corpus.text("08-imports.toml"), FUSE, DIRS);
        assertThat(Checks.parse(r.text()).contains("version")).isFalse();
        assertThat(r.notes()).hasSize(2).anyMatch(n -> n.contains("imports others"))
                .anyMatch(n -> n.contains("replaces that whole section"));
        // nothing to add: no version either
        r = ConfigMerge.enable(Corpus.text("06-stargz-snippet-pasted.toml"), STARGZ, DIRS);
        assertThat(r.changed()).isFalse();
        r = ConfigMerge.enable(Corpus.text("06-stargz-snippet-pasted.toml"), FUSE, DIRS);
        assertThat(r.text()).startsWith("version = 2 # rootless-panel:fuse-overlayfs\n### BEGIN ###\n");
    }

    @Test
    void disableLeavesWhatTheUserWroteAndSaysSo() throws Exception {
        String in = Corpus.text("06-stargz-snippet-pasted.toml");
        Result r = ConfigMerge.disable(in, STARGZ, DIRS);
        assertThat(r.changed()).isFalse();
        assertThat(r.text()).isEqualTo(in);
        assertThat(r.conflicts()).extracting(Conflict::key, Conflict::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("proxy_plugins.stargz", Conflict.Kind.NOT_REMOVED),
                org.assertj.core.groups.Tuple.tuple(UNPACK, Conflict.Kind.NOT_REMOVED));
        assertThat(r.conflicts().get(0).found()).contains("setup tool's stanza");
        assertThat(ConfigMerge.disable(in, Set.of(), DIRS).changed()).isFalse();
    }

    @Test
    void disablingOneKeepsWhatTheOtherNeeds() throws Exception {
        String in = Corpus.text("01-test-env-v2.toml");
        String both = ConfigMerge.enable(in, BOTH, DIRS).text();
        Result r = ConfigMerge.disable(both, FUSE, DIRS);
        Checks.disabled(both, r.text());
        TomlParseResult t = Checks.parse(r.text());
        assertThat(t.getTable("proxy_plugins").keySet()).containsExactly("stargz");
        assertThat(Checks.unpackCount(t, "overlayfs")).isEqualTo(1);
        assertThat(Checks.unpackCount(t, "stargz")).isEqualTo(1);
        assertThat(Checks.unpackCount(t, "fuse-overlayfs")).isZero();
        assertThat(r.conflicts()).isEmpty();
        assertThat(ConfigMerge.disable(r.text(), STARGZ, DIRS).text()).isEqualTo(in);
    }

    @Test
    void theOverlayfsEntryNamesEverySnapshotterThatReliesOnIt() throws Exception {
        String in = Corpus.text("01-test-env-v2.toml");
        String fuse = ConfigMerge.enable(in, FUSE, DIRS).text();
        Result both = ConfigMerge.enable(fuse, STARGZ, DIRS);
        assertThat(both.text()).contains("""
                [[plugins."io.containerd.transfer.v1.local".unpack_config]] # rootless-panel:fuse-overlayfs,stargz
                  platform = "linux" # rootless-panel:fuse-overlayfs,stargz
                  snapshotter = "overlayfs" # rootless-panel:fuse-overlayfs,stargz
                """);
        // of the existing lines, only the panel's own markers changed
        assertThat(Checks.diffLines(fuse, both.text(), '-')).hasSize(3)
                .allMatch(l -> l.endsWith("# rootless-panel:fuse-overlayfs"));
        String stargzOnly = ConfigMerge.disable(both.text(), FUSE, DIRS).text();
        assertThat(stargzOnly).contains("  snapshotter = \"overlayfs\" # rootless-panel:stargz\n");
        assertThat(ConfigMerge.enable(stargzOnly, STARGZ, DIRS).changed()).isFalse();

        // the user's own fuse-overlayfs stanza with only the overlayfs entry missing: added, for fuse-overlayfs
        String userFuse = Corpus.text("05-fuse-snippet-pasted.toml").replace("""
                [[plugins."io.containerd.transfer.v1.local".unpack_config]]
                platform = "linux"
                snapshotter = "overlayfs"
                """, "");
        Result r = ConfigMerge.enable(userFuse, FUSE, DIRS);
        assertThat(Checks.diffLines(userFuse, r.text(), '+')).hasSize(3)
                .allMatch(l -> l.endsWith("# rootless-panel:fuse-overlayfs"));
        assertThat(ConfigMerge.disable(r.text(), STARGZ, DIRS).changed()).as("stargz never relied on it").isFalse();
        assertThat(ConfigMerge.disable(r.text(), FUSE, DIRS).text()).isEqualTo(userFuse);
    }

    @Test
    void aTableTheUserAddedToIsKeptOnDisable() throws Exception {
        String in = Corpus.text("02-explicit-paths-v2.toml");
        String enabled = ConfigMerge.enable(in, FUSE, DIRS).text();
        // the user adds a key of their own to the panel's table
        String edited = enabled.replace("containerd-fuse-overlayfs.sock\" # rootless-panel:fuse-overlayfs\n",
                "containerd-fuse-overlayfs.sock\" # rootless-panel:fuse-overlayfs\n    capabilities = [\"rebase\"]\n");
        assertThat(edited).isNotEqualTo(enabled);
        Result r = ConfigMerge.disable(edited, FUSE, DIRS);
        TomlParseResult t = Checks.parse(r.text());
        assertThat(t.getArray("proxy_plugins.\"fuse-overlayfs\".capabilities").getString(0)).isEqualTo("rebase");
        assertThat(t.contains("proxy_plugins.\"fuse-overlayfs\".address")).isFalse();
        assertThat(r.conflicts()).extracting(Conflict::key, Conflict::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("proxy_plugins.\"fuse-overlayfs\"", Conflict.Kind.NOT_REMOVED));
        Checks.disabled(edited, r.text());
    }

    @Test
    void stringsThatLookLikeHeadersAreNotTouched() throws Exception {
        String in = Corpus.text("10-heavy-comments.toml");
        Result r = ConfigMerge.enable(in, BOTH, DIRS);
        TomlParseResult before = Checks.parse(in);
        TomlParseResult after = Checks.parse(r.text());
        assertThat(after.getString("debug.format")).isEqualTo(before.getString("debug.format"));
        assertThat(after.getArray("disabled_plugins").toList()).isEqualTo(before.getArray("disabled_plugins").toList());
        assertThat(Checks.lines(r.text())).containsSubsequence(Checks.lines(in));
    }

    @Test
    void crlfFilesGetCrlfLines() throws Exception {
        String in = Corpus.text("01-test-env-v2.toml").replace("\n", "\r\n");
        Result r = ConfigMerge.enable(in, BOTH, DIRS);
        assertThat(r.text().replace("\r\n", "")).doesNotContain("\n");
        Checks.parse(r.text());
        assertThat(ConfigMerge.disable(r.text(), BOTH, DIRS).text()).isEqualTo(in);
        assertThat(ConfigMerge.enable(r.text(), BOTH, DIRS).changed()).isFalse();
    }

    @Test
    void nothingAskedNothingChanged() throws Exception {
        String in = Corpus.text("09-cri-v2.toml");
        Result r = ConfigMerge.enable(in, Set.of(), DIRS);
        assertThat(r.changed()).isFalse();
        assertThat(r.text()).isEqualTo(in);
    }
}
