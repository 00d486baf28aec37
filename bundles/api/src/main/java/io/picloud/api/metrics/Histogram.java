package io.picloud.api.metrics;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted into fixed buckets, for a {@link MetricSource} to report with
 * {@link MetricWriter#histogram}. Thread-safe and cheap to observe (one adder per bucket); a scrape reading it
 * while observations go on may see a count that is one or two ahead of its buckets, never less.
 */
public final class Histogram {
    /** Seconds, from half a millisecond to a minute: script runs, compilations, queue waits. */
    public static final double[] SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
        5, 10, 30, 60};

    private final double[] upperBounds;
    private final LongAdder[] counts;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    /** {@code upperBounds} strictly increasing; observations above the last go to {@code +Inf}. */
    public Histogram(double[] upperBounds) {
        for (int i = 1; i < upperBounds.length; i++) {
            if (!(upperBounds[i] > upperBounds[i - 1])) {
                throw new IllegalArgumentException("bounds must increase");
            }
        }
        this.upperBounds = upperBounds.clone();
        this.counts = new LongAdder[upperBounds.length];
        Arrays.setAll(counts, i -> new LongAdder());
    }

    public void observe(double value) {
        int at = Arrays.binarySearch(upperBounds, value);
        int bucket = at >= 0 ? at : -at - 1; // the first bound at or above the value
        if (bucket < counts.length) {
            counts[bucket].increment();
        }
        sum.add(value);
        count.increment();
    }

    /** Writes this histogram as one {@link MetricWriter#histogram} value. */
    public void writeTo(MetricWriter out, String name, String help, Map<String, String> labels) {
        long[] now = new long[counts.length];
        for (int i = 0; i < now.length; i++) {
            now[i] = counts[i].sum();
        }
        long total = count.sum();
        out.histogram(name, help, labels, upperBounds.clone(), now, sum.sum(),
                Math.max(total, Arrays.stream(now).sum()));
    }
}
