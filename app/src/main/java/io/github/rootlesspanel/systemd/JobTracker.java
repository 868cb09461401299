package io.github.rootlesspanel.systemd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches {@code JobRemoved} signals to the jobs the panel queued. A signal may be handled before the
 * StartUnit reply that named the job, so finished jobs are remembered for a while.
 */
final class JobTracker {

    private static final int REMEMBERED = 512;

    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final Map<String, String> finished = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Called on the signal thread for every JobRemoved. */
    void jobRemoved(String jobPath, String result) {
        CompletableFuture<String> f;
        synchronized (finished) {
            f = pending.remove(jobPath);
            if (f == null) {
                finished.put(jobPath, result);
            }
        }
        if (f != null) {
            f.complete(result);
        }
    }

    /** The future result of a job the panel queued; completes at once if it already finished. */
    CompletableFuture<String> await(String jobPath) {
        synchronized (finished) {
            String done = finished.remove(jobPath);
            if (done != null) {
                return CompletableFuture.completedFuture(done);
            }
            return pending.computeIfAbsent(jobPath, p -> new CompletableFuture<>());
        }
    }

    /** The connection went away: nobody will ever see these jobs end. */
    void failAll(Throwable reason) {
        synchronized (finished) {
            pending.values().forEach(f -> f.completeExceptionally(reason));
            pending.clear();
            finished.clear();
        }
    }
}
