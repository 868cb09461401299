package io.github.rootlesspanel.rootlesskit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.rootlesspanel.cli.Cli;
import io.github.rootlesspanel.config.rootlesskit.Variable;
import io.github.rootlesspanel.setup.units.InstallContext;
import io.github.rootlesspanel.setup.units.UnitRenderer;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.systemd.UserManager;
import io.github.rootlesspanel.testsupport.TestUser;
import io.github.rootlesspanel.testsupport.Tried;

/**
 * Hostile values typed into the panel, read back from the throwaway user's real systemd --user after its
 * daemon-reload: each is refused with a message (exit 2, nothing written) or systemd's Environment / ExecStart=
 * holds exactly what was typed — a {@code %h} arrives as {@code %h}, not as the home directory; a {@code $X} as
 * {@code $X}. systemd's view is read over D-Bus: the Environment property through the panel's own UserManager,
 * ExecStart's argument vector with busctl. containerd.service is the project's harmless stand-in unit
 * (src/test/resources/units; never started here: systemd loads a unit's settings without starting it).
 */
@Tag("real-systemd")
class HostileValuesIT {

    static final String UNIT = "containerd.service";

    /** One line break (must be refused) and everything systemd or a shell would read specially. */
    static final List<String> VALUES = List.of("a\nb", "C:\\temp\\", "say \"hi\"", "it's", "a;b", "$HOME", "${X}",
            "two words", "%h", "%u", "%%", "100% %h $X 'q' \"d\" \\ ; #c");
    static final int VALUES_CASES = 12;
    /** Every RootlessKit setting with every value. */
    static final int SETTINGS_CASES = 108;

    /** A directory systemd can start a program from: blanks, specifiers, $, ${Y} and ';' are fine there. */
    static final String HOSTILE_DIR = "rp dir %h %u %% $X ${Y} ;c";
    /** Quotes and a backslash: fine in Environment= and in arguments, refused by systemd in an executable's path. */
    static final String QUOTED = "rp 'q' \"d\" \\b";
    static final int UNIT_CASES = 3;

    static Path override() {
        return TestUser.unitDir().resolve(UNIT + ".d/override.conf");
    }

    @BeforeAll
    static void standInUnit() throws Exception {
        TestUser.removeUnit(UNIT);
        TestUser.installUnit("containerd.service", UNIT);
        Files.deleteIfExists(override());
        Files.deleteIfExists(Path.of(override() + ".bak"));
    }

    @AfterAll
    static void removeIt() throws Exception {
        Files.deleteIfExists(override());
        Files.deleteIfExists(Path.of(override() + ".bak"));
        TestUser.removeUnit(UNIT);
        for (String u : List.of("rp-hostile-containerd.service", "rp-hostile-buildkit.service")) {
            TestUser.removeUnit(u);
        }
    }

    @Test
    @Tried(kind = Tried.Kind.INPUT, what = "rootlesskit set KEY=VALUE for every RootlessKit setting with line "
            + "breaks, \\, quotes, ;, $, ${X}, blanks and systemd specifiers (%h, %u, %%)", cases = SETTINGS_CASES,
            outcome = "refused with exit 2 and the file unchanged, or systemd's Environment holds exactly the value "
                    + "typed (real systemd, after daemon-reload)")
    void everySettingTakesTheValueExactlyOrRefusesIt() throws Exception {
        assertThat(VALUES).hasSize(VALUES_CASES);
        assertThat(Variable.values().length * VALUES.size()).isEqualTo(SETTINGS_CASES);
        int accepted = 0;
        try (UserManager manager = DbusUserManager.connect(TestUser.busAddress())) {
            for (Variable v : Variable.values()) {
                for (String typed : VALUES) {
                    // STATE_DIR must be absolute; the hostile part follows the slash
                    String value = v == Variable.STATE_DIR ? "/srv/" + typed : typed;
                    byte[] before = Files.exists(override()) ? Files.readAllBytes(override()) : null;
                    Run r = cli("rootlesskit", "set", v.envName() + "=" + value);
                    String what = v.name() + "=" + show(value) + ": " + r.err();
                    if (r.code() == Cli.OK) {
                        accepted++;
                        List<String> env = manager.status(UNIT).environment();
                        assertThat(env).as(what).contains(v.envName() + "=" + value);
                        assertThat(env.stream().filter(e -> e.startsWith(v.envName() + "=")).count()).as(what)
                                .isEqualTo(1);
                    } else {
                        assertThat(r.code()).as(what).isEqualTo(Cli.USAGE);
                        assertThat(r.err()).as(what).contains("nothing was written");
                        assertThat(Files.exists(override()) ? Files.readAllBytes(override()) : null).as(what)
                                .isEqualTo(before);
                    }
                    if (value.contains("\n")) {
                        assertThat(r.code()).as(what).isEqualTo(Cli.USAGE);
                    } else if (v == Variable.FLAGS || v == Variable.STATE_DIR) {
                        // the free-text settings take every single-line value (with warnings), so the check above
                        // really compared systemd's reading for them
                        assertThat(r.code()).as(what).isEqualTo(Cli.OK);
                    }
                }
            }
        }
        assertThat(accepted).isGreaterThanOrEqualTo(2 * (VALUES_CASES - 1));
    }

    @Test
    @Tried(kind = Tried.Kind.INPUT, what = "unit files the installer writes (containerd, BuildKit with the containerd "
            + "worker) for directories and PATH holding blanks, quotes, \\, ;, $, ${Y} and %h/%u/%%, and a program "
            + "path with quotes",
            cases = UNIT_CASES, outcome = "systemd's Environment and ExecStart= argument vector are exactly the "
                    + "intended words (real systemd, after daemon-reload); a program path systemd refuses is refused "
                    + "with a message")
    void renderedUnitsMeanToSystemdWhatTheyWereMadeFrom() throws Exception {
        Path base = Path.of("/tmp", HOSTILE_DIR);
        String path = "/usr/bin:" + base + "/bin:/tmp/" + QUOTED + ":/bin";
        String flags = "--disable-host-loopback --mtu=65520 " + HOSTILE_DIR + " " + QUOTED;
        InstallContext c = new InstallContext(base.resolve("bin"), path, base.resolve("run"), base.resolve("data"),
                base.resolve("config"), base.resolve("libexec/rootless-panel-nsenter"), flags, Optional.empty(), true,
                Optional.of("buildkit"), Optional.of("fuse-overlayfs"));
        List<List<String>> cases = List.of(List.of("rp-hostile-containerd.service", UnitRenderer.containerd(c)),
                List.of("rp-hostile-buildkit.service", UnitRenderer.buildkitContainerd(c)));
        assertThat(cases).hasSize(UNIT_CASES - 1);
        for (List<String> u : cases) {
            Files.writeString(TestUser.unitDir().resolve(u.get(0)), u.get(1));
        }
        TestUser.systemctl("daemon-reload");
        try (UserManager manager = DbusUserManager.connect(TestUser.busAddress())) {
            List<String> env = manager.status("rp-hostile-containerd.service").environment();
            assertThat(env).containsExactly("PATH=" + c.unitPath(), "CONTAINERD_ROOTLESS_ROOTLESSKIT_FLAGS=" + flags);
            assertThat(manager.status("rp-hostile-buildkit.service").environment()).contains("PATH=" + c.unitPath());
        }
        assertThat(execStart("rp-hostile-containerd.service"))
                .containsExactly(base.resolve("bin/containerd-rootless.sh").toString());
        // systemd keeps an argument's "$$" in the stored ExecStart= (what D-Bus shows) and makes it one "$" when it
        // runs the command (systemd.service(5), "Command lines"); specifiers are already expanded there
        String runtime = base.resolve("run").toString().replace("$", "$$");
        String data = base.resolve("data").toString().replace("$", "$$");
        assertThat(execStart("rp-hostile-buildkit.service")).containsExactly(
                base.resolve("libexec/rootless-panel-nsenter").toString(), "--", "buildkitd", "--oci-worker=false",
                "--containerd-worker=true", "--containerd-worker-rootless=true",
                "--addr=unix://" + runtime + "/buildkit-buildkit/buildkitd.sock", "--root=" + data + "/buildkit-buildkit",
                "--containerd-worker-namespace=buildkit", "--containerd-worker-snapshotter=fuse-overlayfs",
                "--containerd-worker-net=bridge");

        // the third case: a program path systemd would refuse is refused before a unit is written
        Path quoted = Path.of("/tmp", QUOTED);
        InstallContext q = new InstallContext(quoted.resolve("bin"), path, quoted.resolve("run"),
                quoted.resolve("data"), quoted.resolve("config"), quoted.resolve("libexec/rootless-panel-nsenter"), flags,
                Optional.empty(), true, Optional.empty(), Optional.empty());
        for (java.util.function.Function<InstallContext, String> render : List.<java.util.function.Function<InstallContext,
                String>>of(UnitRenderer::containerd, UnitRenderer::buildkitContainerd)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> render.apply(q))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quote, a backslash");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    record Run(int code, String out, String err) { }

    /** The command line in-process, in the test user's session, as Main runs it. */
    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(DbusUserManager::connect, System.getenv(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC()).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The argument vector of the unit's (only) ExecStart=, as systemd holds it. */
    static List<String> execStart(String unit) throws Exception {
        TestUser.Result r = TestUser.run(List.of("busctl", "--user", "--json=short", "get-property",
                "org.freedesktop.systemd1", objectPath(unit), "org.freedesktop.systemd1.Service", "ExecStart"),
                Duration.ofSeconds(30));
        assertThat(r.exitCode()).as("busctl: %s", r.output()).isZero();
        String json = r.output().lines().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON from busctl: " + r.output()));
        JsonNode data = new ObjectMapper().readTree(json).get("data");
        assertThat(data).as(json).hasSize(1);
        List<String> argv = new ArrayList<>();
        data.get(0).get(1).forEach(w -> argv.add(w.asText()));
        return argv;
    }

    /** systemd's object path of a unit: every byte but letters and digits as _xx. */
    static String objectPath(String unit) {
        StringBuilder sb = new StringBuilder("/org/freedesktop/systemd1/unit/");
        for (byte b : unit.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (b & 0xff);
            if (ch < 0x80 && Character.isLetterOrDigit(ch)) {
                sb.append(ch);
            } else {
                sb.append(String.format("_%02x", b & 0xff));
            }
        }
        return sb.toString();
    }

    static String show(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }
}
