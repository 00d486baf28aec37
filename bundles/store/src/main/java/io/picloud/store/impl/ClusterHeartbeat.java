package io.picloud.store.impl;

import io.picloud.api.ClusterNodeStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * This container's row in {@code cluster_nodes}: written at start and every
 * {@link ClusterNodeStore#HEARTBEAT_INTERVAL}, removed when it stops cleanly. The store bundle is in every container
 * whatever its role, so every container of a cluster shows.
 * The node name is the one the trigger runtime reports binding statuses under (the JVM's {@code pid@host}).
 * Heartbeats are advisory: one that fails (the database is down, the schema not migrated yet) is retried soon
 * until the first one works, then at the normal interval, and is logged at debug only (the store logs outages).
 */
@Component(immediate = true)
public class ClusterHeartbeat {
    /** Rows of containers gone without a clean stop (crashed, or their host lost) are dropped after this. */
    static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterHeartbeat.class);

    private final ClusterNodeStore store;
    private final String node;
    private final List<String> roles;
    private final String product;
    private final Instant startedAt;
    private final ScheduledExecutorService timer;
    private final Duration interval;
    private volatile boolean beaten;

    @Activate
    public ClusterHeartbeat(@Reference ClusterNodeStore store, @Reference StoreDatabase db, BundleContext context) {
        this(store, runtime().getName(), roles(context.getProperty("picloud.role")), db.productVersion(),
                Instant.ofEpochMilli(runtime().getStartTime()), ClusterNodeStore.HEARTBEAT_INTERVAL);
        start();
    }

    /** For tests: call {@link #start()}. */
    ClusterHeartbeat(ClusterNodeStore store, String node, List<String> roles, String product, Instant startedAt,
                     Duration interval) {
        this.store = store;
        this.node = node;
        this.roles = roles;
        this.product = product;
        this.startedAt = startedAt;
        this.interval = interval;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "picloud-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = t;
    }

    @Deactivate
    public void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            store.remove(node);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("Heartbeat row of {} not removed: {}", node, e.toString());
        }
    }

    /** The first heartbeat, on the timer's thread (activation never waits for the database). */
    void start() {
        timer.execute(this::beat);
    }

    /** Writes the heartbeat now and schedules the next one. */
    void beat() {
        try {
            store.heartbeat(node, roles, product, startedAt);
            if (!beaten) {
                beaten = true;
                store.prune(FORGOTTEN_AFTER);
            }
        } catch (RuntimeException e) {
            LOG.debug("Heartbeat of {} not written: {}", node, e.toString());
        }
        try {
            timer.schedule(this::beat, (beaten ? interval : FIRST_RETRY).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    String node() {
        return node;
    }

    /** {@code picloud.role} as the roles a container runs: all-in-one (the default) is both. */
    static List<String> roles(String role) {
        if ("manager".equals(role)) {
            return List.of("manager");
        }
        if ("node".equals(role)) {
            return List.of("node");
        }
        return List.of("manager", "node");
    }

    private static RuntimeMXBean runtime() {
        return ManagementFactory.getRuntimeMXBean();
    }
}
