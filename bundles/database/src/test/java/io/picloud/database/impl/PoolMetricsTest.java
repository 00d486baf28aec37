package io.picloud.database.impl;

import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import io.picloud.api.metrics.MetricWriter;
import org.junit.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.Assert.assertEquals;

public class PoolMetricsTest {
    @Test
    public void connectionsByStateWaitsAndTimeouts() {
        PoolMetrics metrics = new PoolMetrics(10);
        IMetricsTracker tracker = metrics.create("picloud", null);
        tracker.recordConnectionAcquiredNanos(2_000_000);
        tracker.recordConnectionTimeout();
        HikariPoolMXBean bean = new HikariPoolMXBean() {
            @Override public int getIdleConnections() { return 2; }
            @Override public int getActiveConnections() { return 3; }
            @Override public int getTotalConnections() { return 5; }
            @Override public int getThreadsAwaitingConnection() { return 1; }
            @Override public void softEvictConnections() { }
            @Override public void suspendPool() { }
            @Override public void resumePool() { }
        };
        Map<String, Double> values = new HashMap<>();
        metrics.collect(new MetricWriter() {
            @Override
            public void counter(String name, String help, Map<String, String> labels, double value) {
                values.put(name + labels.values(), value);
            }

            @Override
            public void gauge(String name, String help, Map<String, String> labels, double value) {
                values.put(name + labels.values(), value);
            }

            @Override
            public void histogram(String name, String help, Map<String, String> labels, double[] upperBounds,
                                  long[] counts, double sum, long count) {
                values.put(name + "_count", (double) count);
            }
        }, () -> bean);
        assertEquals(3.0, values.get("picloud_db_pool_connections[active]"), 0);
        assertEquals(2.0, values.get("picloud_db_pool_connections[idle]"), 0);
        assertEquals(5.0, values.get("picloud_db_pool_connections[total]"), 0);
        assertEquals(1.0, values.get("picloud_db_pool_pending[]"), 0);
        assertEquals(10.0, values.get("picloud_db_pool_max_connections[]"), 0);
        assertEquals(1.0, values.get("picloud_db_pool_timeouts[]"), 0);
        assertEquals(1.0, values.get("picloud_db_pool_acquire_seconds_count"), 0);
    }
}
