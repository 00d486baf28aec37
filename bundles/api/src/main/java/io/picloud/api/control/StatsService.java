package io.picloud.api.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.picloud.api.InvocationBucket;

/**
 * Calls, errors and durations of the scripts a principal may read, from the invocation log (the dashboard's
 * scripts list and charts). Buckets are aligned to whole multiples of their width since the epoch (UTC), oldest
 * first, the last one holding now; every bucket is present.
 */
@org.osgi.annotation.versioning.ProviderType
public interface StatsService {
    /** Per readable script (all of them, by name): the last 24 hours in hourly buckets. */
    ScriptStatsList scripts(Principal p);

    /**
     * Calls, errors and the p50/p99 duration per bucket over {@code range}, of one script or (null) of every script
     * the principal may read. NOT_FOUND for a script that does not exist.
     */
    Timeseries timeseries(Principal p, String script, Range range);

    /** The windows of {@link #timeseries}: 60 one-minute buckets, or 96 of fifteen minutes. */
    enum Range {
        HOUR(Duration.ofMinutes(1), 60), DAY(Duration.ofMinutes(15), 96);

        public final Duration bucket;
        public final int buckets;

        Range(Duration bucket, int buckets) {
            this.bucket = bucket;
            this.buckets = buckets;
        }

        /** The lower-case name, as clients write it. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code since}: the first bucket's start. */
    record ScriptStatsList(Instant since, List<ScriptStats> scripts) {
    }

    /** {@code lastCall}: the newest run the log keeps (also before the 24 hours), null if none. */
    record ScriptStats(String name, long calls, long errors, Instant lastCall, List<InvocationBucket> hourly) {
    }

    /** {@code script}: null for every readable script together. */
    record Timeseries(String script, Range range, List<InvocationBucket> buckets) {
    }
}
