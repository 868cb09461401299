package io.github.rootlesspanel;

import java.time.Clock;

import io.github.rootlesspanel.cli.Cli;
import io.github.rootlesspanel.host.Identity;
import io.github.rootlesspanel.systemd.DbusUserManager;

/**
 * Entry point: no arguments opens the window, arguments run the command line.
 * A separate class from {@link App} so JavaFX can be started from a plain classpath launch.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (Identity.isRoot()) {
            System.err.println("rootless-panel: " + Identity.rootRefusal());
            System.exit(Cli.USAGE);
        }
        if (args.length == 0) {
            App.launchWindow(args);
            return;
        }
        int code = new Cli(DbusUserManager::connect, System.getenv(), System.out, System.err, Clock.systemDefaultZone())
                .run(args);
        System.exit(code);
    }
}
