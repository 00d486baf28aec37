package io.picloud.database.impl;

import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import io.picloud.api.metrics.Histogram;
import io.picloud.api.metrics.MetricWriter;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The connection pool as metrics: connections active, idle, total and callers waiting (read from the pool's own
 * {@link HikariPoolMXBean} object at each scrape, without registering it in JMX), and through Hikari's tracker
 * hook the time callers waited for a connection and how many gave up after the connection timeout.
 */
final class PoolMetrics implements MetricsTrackerFactory {
    private final Histogram acquireSeconds = new Histogram(Histogram.SECONDS);
    private final LongAdder timeouts = new LongAdder();
    private final int maxSize;

    PoolMetrics(int maxSize) {
        this.maxSize = maxSize;
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats poolStats) {
        return new IMetricsTracker() {
            @Override
            public void recordConnectionAcquiredNanos(long nanos) {
                acquireSeconds.observe(nanos / 1e9);
            }

            @Override
            public void recordConnectionTimeout() {
                timeouts.increment();
            }
        };
    }

    /** {@code pool}: the pool's bean, null while it has none. */
    void collect(MetricWriter out, Supplier<HikariPoolMXBean> pool) {
        HikariPoolMXBean bean = pool.get();
        if (bean != null) {
            String help = "Database pool connections by state: active (lent out), idle, total.";
            out.gauge("picloud_db_pool_connections", help, Map.of("state", "active"), bean.getActiveConnections());
            out.gauge("picloud_db_pool_connections", help, Map.of("state", "idle"), bean.getIdleConnections());
            out.gauge("picloud_db_pool_connections", help, Map.of("state", "total"), bean.getTotalConnections());
            out.gauge("picloud_db_pool_pending", "Callers waiting for a database connection.", Map.of(),
                    bean.getThreadsAwaitingConnection());
        }
        out.gauge("picloud_db_pool_max_connections", "Largest number of pooled database connections.", Map.of(),
                maxSize);
        out.counter("picloud_db_pool_timeouts", "Callers that got no database connection within the connection "
                + "timeout.", Map.of(), timeouts.sum());
        acquireSeconds.writeTo(out, "picloud_db_pool_acquire_seconds", "Time callers waited for a database "
                + "connection.", Map.of());
    }
}
