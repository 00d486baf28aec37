package io.picloud.orchestrator.impl;

import io.picloud.api.ExecutionOutcome;
import io.picloud.api.metrics.Histogram;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the dispatcher ran since this container started: runs by script, trigger and outcome ({@code ok},
 * {@code error}, {@code limit}), run time by trigger, operations by script, and how many ran inline on an I/O
 * thread versus on a worker. Counting costs an adder increment or two per run.
 */
final class DispatchMetrics implements MetricSource {
    private record Run(String script, String trigger, String outcome) {
    }

    private final Map<Run, LongAdder> runs = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    private final Map<String, Histogram> durations = new ConcurrentHashMap<>();
    private final LongAdder inline = new LongAdder();
    private final LongAdder worker = new LongAdder();

    void ran(String script, String trigger, String outcome, ExecutionOutcome result, boolean onIoThread) {
        runs.computeIfAbsent(new Run(script, trigger, outcome), r -> new LongAdder()).increment();
        operations.computeIfAbsent(script, s -> new LongAdder()).add(result.operations());
        durations.computeIfAbsent(trigger, t -> new Histogram(Histogram.SECONDS))
                .observe(result.durationMicros() / 1e6);
        (onIoThread ? inline : worker).increment();
    }

    @Override
    public void collect(MetricWriter out) {
        runs.forEach((r, n) -> out.counter("picloud_invocations", "Script runs by script, trigger type and outcome.",
                Map.of("script", r.script(), "trigger", r.trigger(), "outcome", r.outcome()), n.sum()));
        operations.forEach((script, n) -> out.counter("picloud_operations",
                "Script operations (the sandbox's unit of work) used, by script.", Map.of("script", script),
                n.sum()));
        durations.forEach((trigger, h) -> h.writeTo(out, "picloud_invocation_duration_seconds",
                "Script run time by trigger type.", Map.of("trigger", trigger)));
        out.counter("picloud_invocations_by_thread", "Script runs answered inline on an I/O thread or on a worker.",
                Map.of("thread", "inline"), inline.sum());
        out.counter("picloud_invocations_by_thread", "Script runs answered inline on an I/O thread or on a worker.",
                Map.of("thread", "worker"), worker.sum());
    }
}
