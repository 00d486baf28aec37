package io.picloud.executor.impl;

import io.picloud.api.metrics.Histogram;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The compile cache's counts since this container started, kept across the cache's rebuilds (a host package
 * coming or going starts an empty cache): lookups that found a compiled script (hits) or compiled one (misses),
 * and how long compiling took.
 */
final class CompileMetrics implements MetricSource {
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final Histogram compileSeconds = new Histogram(Histogram.SECONDS);
    private final IntSupplier entries;

    /** {@code entries}: how many scripts the current cache holds. */
    CompileMetrics(IntSupplier entries) {
        this.entries = entries;
    }

    void hit() {
        hits.increment();
    }

    void compiled(long nanos) {
        misses.increment();
        compileSeconds.observe(nanos / 1e9);
    }

    @Override
    public void collect(MetricWriter out) {
        String help = "Compile-cache lookups: a compiled script found (hit) or compiled (miss).";
        out.counter("picloud_compile_cache_lookups", help, Map.of("result", "hit"), hits.sum());
        out.counter("picloud_compile_cache_lookups", help, Map.of("result", "miss"), misses.sum());
        out.gauge("picloud_compile_cache_entries", "Compiled scripts held by the compile cache.", Map.of(),
                entries.getAsInt());
        compileSeconds.writeTo(out, "picloud_compile_duration_seconds", "Time to compile a script's source.",
                Map.of());
    }
}
