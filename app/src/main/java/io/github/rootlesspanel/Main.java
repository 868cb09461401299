package io.github.rootlesspanel;

import java.time.Clock;

import io.github.rootlesspanel.cli.Cli;
import io.github.rootlesspanel.cli.Usage;
import io.github.rootlesspanel.host.Identity;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.trace.StartupTrace;

/**
 * Entry point: no arguments (or only --trace-startup) opens the window, arguments run the command line.
 * A separate class from {@link App} so JavaFX can be started from a plain classpath launch.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        boolean window = Usage.opensWindow(args);
        if (window && args.length == 1) {
            StartupTrace.enable(System.err);
            StartupTrace.mark(StartupTrace.Milestone.JVM_START);
        }
        if (Identity.isRoot()) {
            System.err.println("rootless-panel: " + Identity.rootRefusal());
            System.exit(Cli.USAGE);
        }
        if (window) {
            App.launchWindow(new String[0]);
            return;
        }
        int code = new Cli(DbusUserManager::connect, System.getenv(), System.out, System.err, Clock.systemDefaultZone())
                .run(args);
        System.exit(code);
    }
}
