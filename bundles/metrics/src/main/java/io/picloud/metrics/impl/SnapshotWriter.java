package io.picloud.metrics.impl;

import io.picloud.api.metrics.MetricWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scrape's {@link MetricWriter}: gathers what the sources write, by metric name, into Prometheus client
 * snapshots. A value that would make the exposition invalid is left out rather than sent: a name that is not a
 * Prometheus name, a name reused with another type or other label names, a label set written twice (the first
 * wins). Used by one thread.
 */
final class SnapshotWriter implements MetricWriter {
    private enum Type { COUNTER, GAUGE, HISTOGRAM }

    /** The data points of one name, built at the end. */
    private static final class Family {
        final Type type;
        final String help;
        final Set<String> labelNames;
        final Set<Labels> seen = new HashSet<>();
        final List<Object> points = new ArrayList<>();

        Family(Type type, String help, Set<String> labelNames) {
            this.type = type;
            this.help = help;
            this.labelNames = labelNames;
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private int skipped;

    @Override
    public void counter(String name, String help, Map<String, String> labels, double value) {
        String base = name != null && name.endsWith("_total") ? name.substring(0, name.length() - 6) : name;
        Labels l = accept(base, Type.COUNTER, help, labels);
        if (l != null && value >= 0) {
            families.get(base).points.add(CounterSnapshot.CounterDataPointSnapshot.builder().labels(l).value(value)
                    .build());
        }
    }

    @Override
    public void gauge(String name, String help, Map<String, String> labels, double value) {
        Labels l = accept(name, Type.GAUGE, help, labels);
        if (l != null) {
            families.get(name).points.add(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(l).value(value)
                    .build());
        }
    }

    @Override
    public void histogram(String name, String help, Map<String, String> labels, double[] upperBounds, long[] counts,
                          double sum, long count) {
        if (!valid(upperBounds, counts)) {
            skipped++;
            return;
        }
        Labels l = accept(name, Type.HISTOGRAM, help, labels);
        if (l == null) {
            return;
        }
        double[] bounds = upperBounds;
        long[] perBucket = counts;
        if (bounds.length == 0 || bounds[bounds.length - 1] != Double.POSITIVE_INFINITY) {
            long inBuckets = Arrays.stream(counts).sum();
            bounds = Arrays.copyOf(upperBounds, upperBounds.length + 1);
            bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
            perBucket = Arrays.copyOf(counts, counts.length + 1);
            perBucket[perBucket.length - 1] = Math.max(0, count - inBuckets);
        }
        families.get(name).points.add(HistogramSnapshot.HistogramDataPointSnapshot.builder().labels(l)
                .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, perBucket)).sum(sum).build());
    }

    /** Bounds strictly increasing, one count each, none negative: else the source made a mistake. */
    private static boolean valid(double[] upperBounds, long[] counts) {
        if (upperBounds == null || counts == null || upperBounds.length != counts.length) {
            return false;
        }
        for (int i = 0; i < upperBounds.length; i++) {
            if (counts[i] < 0 || Double.isNaN(upperBounds[i]) || (i > 0 && upperBounds[i] <= upperBounds[i - 1])) {
                return false;
            }
        }
        return true;
    }

    /** The labels of a value that may be written under this name, or null (then counted as skipped). */
    private Labels accept(String name, Type type, String help, Map<String, String> labels) {
        Map<String, String> given = labels == null ? Map.of() : labels;
        if (name == null || !PrometheusNaming.isValidLegacyMetricName(name)
                || !given.keySet().stream().allMatch(PrometheusNaming::isValidLegacyLabelName)) {
            skipped++;
            return null;
        }
        Family family = families.computeIfAbsent(name, n -> new Family(type, help, Set.copyOf(given.keySet())));
        if (family.type != type || !family.labelNames.equals(given.keySet())) {
            skipped++;
            return null;
        }
        Labels l = Labels.of(new ArrayList<>(given.keySet()),
                given.keySet().stream().map(k -> given.get(k) == null ? "" : given.get(k)).toList());
        if (!family.seen.add(l)) {
            skipped++;
            return null;
        }
        return l;
    }

    /** Values left out so far. */
    int skipped() {
        return skipped;
    }

    /** Everything written, as snapshots. */
    List<MetricSnapshot> snapshots() {
        List<MetricSnapshot> out = new ArrayList<>(families.size());
        for (Map.Entry<String, Family> e : families.entrySet()) {
            Family f = e.getValue();
            String help = f.help == null ? "" : f.help;
            switch (f.type) {
                case COUNTER -> {
                    CounterSnapshot.Builder b = CounterSnapshot.builder().name(e.getKey()).help(help);
                    f.points.forEach(p -> b.dataPoint((CounterSnapshot.CounterDataPointSnapshot) p));
                    out.add(b.build());
                }
                case GAUGE -> {
                    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(e.getKey()).help(help);
                    f.points.forEach(p -> b.dataPoint((GaugeSnapshot.GaugeDataPointSnapshot) p));
                    out.add(b.build());
                }
                case HISTOGRAM -> {
                    HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(e.getKey()).help(help);
                    f.points.forEach(p -> b.dataPoint((HistogramSnapshot.HistogramDataPointSnapshot) p));
                    out.add(b.build());
                }
                default -> throw new IllegalStateException();
            }
        }
        return out;
    }
}
