package io.picloud.runs.impl;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.picloud.api.LeasedRun;
import io.picloud.api.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews every lease this node holds in one statement, every third of the lease. Its timer runs only while
 * leases are held: the first {@link #hold} starts it, and the first beat that finds none held ends it, so an idle
 * node has no heartbeat. A lease the store no longer grants (it expired and the run was taken again) is let go.
 */
final class LeaseHeartbeat {
    private static final Logger logger = LoggerFactory.getLogger(LeaseHeartbeat.class);

    private final RunStore store;
    private final String node;
    private final Duration lease;
    private final RunMetrics metrics;
    private final Map<Long, LeasedRun> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> beat; // guarded by this

    LeaseHeartbeat(RunStore store, String node, Duration lease, RunMetrics metrics) {
        this.store = store;
        this.node = node;
        this.lease = lease;
        this.metrics = metrics;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "picloud-run-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    void hold(LeasedRun run) {
        held.put(run.id(), run);
        synchronized (this) {
            if (beat == null) {
                long every = Math.max(1, lease.dividedBy(3).toMillis());
                beat = timer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
            }
        }
    }

    void release(long id) {
        held.remove(id);
    }

    void stop() {
        timer.shutdownNow();
    }

    private void renew() {
        Set<Long> ids = Set.copyOf(held.keySet());
        if (ids.isEmpty()) {
            synchronized (this) {
                if (held.isEmpty() && beat != null) { // a hold after this starts a new timer
                    beat.cancel(false);
                    beat = null;
                }
            }
            return;
        }
        try {
            for (long id : store.renew(node, ids, lease)) {
                if (held.remove(id) != null) {
                    metrics.leasesLost.increment();
                    logger.warn("Lost the lease of run {}: it will be completed by whoever took it again", id);
                }
            }
        } catch (RuntimeException e) {
            logger.debug("Leases not renewed: {}", e.toString());
        }
    }
}
