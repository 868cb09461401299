package io.github.rootlesspanel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measuring several things in the same run, alternating them round by round, so each sees the same machine load
 * (a reference measured an hour earlier on a quieter machine would make the ratio meaningless). Untimed work
 * (stopping a unit, uninstalling) goes into the tasks' own {@code between} steps.
 */
final class Paired {

    /** One thing to time: {@link #run()} is timed, {@link #between()} (undoing it) is not. */
    interface Task {
        void run() throws Exception;

        default void between() throws Exception {
        }
    }

    private Paired() {
    }

    /**
     * {@code warmUp} untimed rounds, then {@code rounds} rounds of every task in turn (the order rotates each
     * round, so no task always runs right after the same other one); milliseconds per task, in the given order.
     */
    static double[][] measure(int warmUp, int rounds, List<Task> tasks) throws Exception {
        for (int w = 0; w < warmUp; w++) {
            for (Task t : tasks) {
                t.run();
                t.between();
            }
        }
        double[][] ms = new double[tasks.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < tasks.size(); k++) {
                int i = (r + k) % tasks.size();
                Task t = tasks.get(i);
                long t0 = System.nanoTime();
                t.run();
                ms[i][r] = (System.nanoTime() - t0) / 1e6;
                t.between();
            }
        }
        return ms;
    }

    /** Runs a command (argument list, no shell) to its end, output discarded; fails unless it exits 0. */
    static void process(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("exit " + p.exitValue() + ": " + cmd);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
