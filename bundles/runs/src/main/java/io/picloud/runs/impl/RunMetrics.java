package io.picloud.runs.impl;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

import io.picloud.api.Run;
import io.picloud.api.RunQueueStats;
import io.picloud.api.RunStore;
import io.picloud.api.metrics.MetricWriter;

/**
 * This node's run counters, and the queue as the database sees it (read at most once every {@link #STATS_MILLIS}
 * so that scrapes cost the database little; left out while it cannot be read).
 */
final class RunMetrics {
    static final long STATS_MILLIS = 5_000;
    private static final String COMPLETED = "picloud_runs_completed";
    private static final String COMPLETED_HELP = "Attempts of queued runs completed on this node, by what became "
            + "of the run (failed: a retry is due)";

    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder dead = new LongAdder();
    /** Completions refused because this node no longer held the lease (the run was taken again). */
    final LongAdder refused = new LongAdder();
    /** Leases a heartbeat found gone. */
    final LongAdder leasesLost = new LongAdder();
    final LongAdder prunedSucceeded = new LongAdder();
    final LongAdder prunedDead = new LongAdder();

    private final RunStore store;
    private final IntSupplier busy;
    private final Object statsLock = new Object();
    private RunQueueStats stats;      // guarded by statsLock
    private long statsReadAt;         // guarded by statsLock

    RunMetrics(RunStore store, IntSupplier busy) {
        this.store = store;
        this.busy = busy;
    }

    void completed(String next) {
        switch (next) {
            case Run.SUCCEEDED -> succeeded.increment();
            case Run.FAILED -> failed.increment();
            default -> dead.increment();
        }
    }

    void pruned(Map<String, Long> counts) {
        prunedSucceeded.add(counts.getOrDefault(Run.SUCCEEDED, 0L));
        prunedDead.add(counts.getOrDefault(Run.DEAD, 0L));
    }

    void collect(MetricWriter out) {
        out.counter(COMPLETED, COMPLETED_HELP, Map.of("outcome", Run.SUCCEEDED), succeeded.sum());
        out.counter(COMPLETED, COMPLETED_HELP, Map.of("outcome", Run.FAILED), failed.sum());
        out.counter(COMPLETED, COMPLETED_HELP, Map.of("outcome", Run.DEAD), dead.sum());
        out.counter("picloud_runs_retries", "Retries of queued runs scheduled on this node", Map.of(), failed.sum());
        out.counter("picloud_runs_dead_letters", "Runs this node's workers made dead letters (out of attempts or "
                + "not retried)", Map.of(), dead.sum());
        out.counter("picloud_runs_completions_refused", "Completions refused because the lease had passed to "
                + "another attempt", Map.of(), refused.sum());
        out.counter("picloud_runs_leases_lost", "Leases this node's heartbeat found no longer held", Map.of(),
                leasesLost.sum());
        String prunedHelp = "Finished runs deleted by the retention settings on this node";
        out.counter("picloud_runs_pruned", prunedHelp, Map.of("status", Run.SUCCEEDED), prunedSucceeded.sum());
        out.counter("picloud_runs_pruned", prunedHelp, Map.of("status", Run.DEAD), prunedDead.sum());
        out.gauge("picloud_runs_workers_busy", "This node's run workers running an attempt", Map.of(),
                busy.getAsInt());
        RunQueueStats s = stats();
        if (s != null) {
            String help = "Runs in the queue (all nodes): waiting (queued or failed, for an attempt), running "
                    + "(leased), dead (dead letters not replayed)";
            out.gauge("picloud_runs_queue", help, Map.of("state", "waiting"), s.waiting());
            out.gauge("picloud_runs_queue", help, Map.of("state", "running"), s.running());
            out.gauge("picloud_runs_queue", help, Map.of("state", "dead"), s.dead());
            out.gauge("picloud_runs_oldest_waiting_seconds", "How long the longest-waiting due run has been due",
                    Map.of(), s.oldestWaiting().toMillis() / 1000.0);
        }
    }

    private RunQueueStats stats() {
        synchronized (statsLock) {
            long now = System.currentTimeMillis();
            if (stats == null || now - statsReadAt >= STATS_MILLIS) {
                statsReadAt = now;
                try {
                    stats = store.stats();
                } catch (RuntimeException e) {
                    stats = null; // unavailable: no gauge rather than a stale one
                }
            }
            return stats;
        }
    }
}
