package io.picloud.api.metrics;

import java.util.Map;

/**
 * Where a {@link MetricSource} writes its values during one scrape. Names are Prometheus names starting with
 * {@code picloud_} ({@code [a-z_][a-z0-9_]*}); a counter's name has no {@code _total} (the exposition adds it).
 * One name is one metric: call it once per label set, always with the same type, help and label names. Label
 * values may be any text.
 */
@org.osgi.annotation.versioning.ProviderType
public interface MetricWriter {
    /** A value that only grows while the process runs. */
    void counter(String name, String help, Map<String, String> labels, double value);

    /** A value that goes up and down. */
    void gauge(String name, String help, Map<String, String> labels, double value);

    /**
     * A histogram: {@code counts[i]} observations were at most {@code upperBounds[i]} (not cumulative; the last
     * bound may be {@code +Inf}, else the writer adds it with {@code count} minus the others), {@code sum} their
     * total and {@code count} their number.
     */
    void histogram(String name, String help, Map<String, String> labels, double[] upperBounds, long[] counts,
                   double sum, long count);
}
