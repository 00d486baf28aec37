package io.picloud.orchestrator.impl;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.InvocationRef;
import io.picloud.api.metrics.MetricWriter;
import org.junit.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

public class DispatchMetricsTest {
    /** The last counter value per name and labels, and each histogram's count. */
    static final class Values implements MetricWriter {
        final Map<String, Double> values = new HashMap<>();

        @Override
        public void counter(String name, String help, Map<String, String> labels, double value) {
            values.put(name + new java.util.TreeMap<>(labels), value);
        }

        @Override
        public void gauge(String name, String help, Map<String, String> labels, double value) {
            values.put(name + new java.util.TreeMap<>(labels), value);
        }

        @Override
        public void histogram(String name, String help, Map<String, String> labels, double[] upperBounds,
                              long[] counts, double sum, long count) {
            values.put(name + "_count" + new java.util.TreeMap<>(labels), (double) count);
        }
    }

    @Test
    public void eachRunIsCountedByScriptTriggerOutcomeAndThread() {
        OrchestratorTest.MemoryStore store = new OrchestratorTest.MemoryStore();
        store.put("hello", 1, "\"hi\"");
        OrchestratorTest.RecordingExecutor executor = new OrchestratorTest.RecordingExecutor();
        OrchestratorTest.ListLog log = new OrchestratorTest.ListLog();
        DispatchMetrics metrics = new DispatchMetrics();
        ActiveVersionCache cache = new ActiveVersionCache(100);
        Orchestrator orchestrator = new Orchestrator(store, executor, log, cache, metrics);
        Event event = new Event("http", "/fn/hello", "hello", Map.of(), Instant.now());
        orchestrator.dispatch(event);
        orchestrator.dispatch(event);
        Dispatcher.Dispatch inline = orchestrator.dispatchInline(event);
        assertNotNull(inline);

        Values v = new Values();
        metrics.collect(v);
        assertEquals(3.0, v.values.get("picloud_invocations{outcome=ok, script=hello, trigger=http}"), 0);
        assertEquals(21.0, v.values.get("picloud_operations{script=hello}"), 0); // 7 operations per run
        assertEquals(3.0, v.values.get("picloud_invocation_duration_seconds_count{trigger=http}"), 0);
        assertEquals(1.0, v.values.get("picloud_invocations_by_thread{thread=inline}"), 0);
        assertEquals(2.0, v.values.get("picloud_invocations_by_thread{thread=worker}"), 0);
    }

    @Test
    public void eachRunHasARefThatTheLogKeeps() {
        OrchestratorTest.MemoryStore store = new OrchestratorTest.MemoryStore();
        store.put("hello", 1, "\"hi\"");
        OrchestratorTest.ListLog log = new OrchestratorTest.ListLog();
        Orchestrator orchestrator = new Orchestrator(store, new OrchestratorTest.RecordingExecutor(), log, null);
        Dispatcher.Dispatch d = orchestrator.dispatch(new Event("http", "/fn/hello", "hello", Map.of(),
                Instant.now())).orElseThrow();
        assertNotNull(InvocationRef.startOf(d.ref()));
        assertEquals(d.ref(), log.records.get(0).ref());
        assertTrue(!InvocationRef.startOf(d.ref()).isAfter(log.records.get(0).start()));
    }
}
