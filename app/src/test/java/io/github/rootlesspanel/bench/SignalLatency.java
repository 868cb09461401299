package io.github.rootlesspanel.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.rootlesspanel.systemd.ActiveState;
import io.github.rootlesspanel.systemd.DbusUserManager;
import io.github.rootlesspanel.systemd.UnitEvent;
import io.github.rootlesspanel.systemd.UserManager;
import io.github.rootlesspanel.testsupport.TestUser;

/**
 * Benchmark, not a test: how long from a state change made outside the panel (systemctl --user
 * start/stop returning) until the watcher hears the new state. Run as the throwaway user:
 * {@code test-user.sh exec -- java -cp target/test-classes:target/classes:target/lib/* io.github.rootlesspanel.bench.SignalLatency [N]}
 */
public final class SignalLatency {

    private SignalLatency() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        String unit = "containerd.service";
        TestUser.installUnit("containerd.service", unit);
        LinkedBlockingQueue<UnitEvent> q = new LinkedBlockingQueue<>();
        List<Long> micros = new ArrayList<>();
        try (DbusUserManager m = DbusUserManager.connect(TestUser.busAddress());
             UserManager.Watch w = m.watch(List.of(unit), q::add)) {
            for (int i = 0; i < n * 2; i++) {
                boolean start = i % 2 == 0;
                ActiveState want = start ? ActiveState.ACTIVE : ActiveState.INACTIVE;
                q.clear();
                TestUser.systemctl(start ? "start" : "stop", unit);
                long t0 = System.nanoTime();
                while (true) {
                    UnitEvent e = q.poll(10, TimeUnit.SECONDS);
                    if (e == null) {
                        throw new IllegalStateException("no event");
                    }
                    if (e instanceof UnitEvent.Changed c && c.status().activeState() == want) {
                        break;
                    }
                }
                micros.add((System.nanoTime() - t0) / 1000);
            }
        } finally {
            TestUser.removeUnit(unit);
        }
        Collections.sort(micros);
        System.out.printf("state changes: %d; after systemctl returned, event delivered in: median %.1f ms, "
                + "p95 %.1f ms, max %.1f ms%n", micros.size(), micros.get(micros.size() / 2) / 1000.0,
                micros.get((int) (micros.size() * 0.95)) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
    }
}
