package io.picloud.metrics.impl;

import io.picloud.api.metrics.MetricSource;
import org.junit.Test;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class MetricsEndpointTest {
    static MetricsEndpoint.Config config(String token) {
        return new MetricsEndpoint.Config() {
            @Override
            public String token() {
                return token;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return MetricsEndpoint.Config.class;
            }
        };
    }

    @Test
    public void sourcesAndTheJvmAreWrittenInTheTextFormat() throws Exception {
        MetricsEndpoint endpoint = new MetricsEndpoint(config(""));
        MetricSource source = out -> {
            out.counter("picloud_things", "Things done.", Map.of("script", "hello", "outcome", "ok"), 3);
            out.counter("picloud_things", "Things done.", Map.of("script", "a\"b\n", "outcome", "error"), 1);
            out.gauge("picloud_queue_size", "Waiting.", Map.of(), 7);
            out.histogram("picloud_seconds", "Durations.", Map.of("trigger", "http"), new double[] {0.1, 1},
                    new long[] {2, 1}, 1.5, 4);
        };
        endpoint.addSource(source);
        String text = new String(endpoint.scrape(), StandardCharsets.UTF_8);
        assertTrue(text, text.contains("# TYPE picloud_things_total counter"));
        assertTrue(text, text.contains("picloud_things_total{outcome=\"ok\",script=\"hello\"} 3.0"));
        assertTrue(text, text.contains("script=\"a\\\"b\\n\""));
        assertTrue(text, text.contains("picloud_queue_size 7.0"));
        assertTrue(text, text.contains("picloud_seconds_bucket{trigger=\"http\",le=\"0.1\"} 2"));
        assertTrue(text, text.contains("picloud_seconds_bucket{trigger=\"http\",le=\"1.0\"} 3"));
        assertTrue(text, text.contains("picloud_seconds_bucket{trigger=\"http\",le=\"+Inf\"} 4"));
        assertTrue(text, text.contains("picloud_seconds_count{trigger=\"http\"} 4"));
        assertTrue(text, text.contains("jvm_memory_used_bytes"));
        endpoint.removeSource(source);
        assertFalse(new String(endpoint.scrape(), StandardCharsets.UTF_8).contains("picloud_things"));
    }

    @Test
    public void valuesThatWouldBreakTheExpositionAreLeftOut() {
        SnapshotWriter writer = new SnapshotWriter();
        writer.counter("picloud_x", "X.", Map.of("a", "1"), 1);
        writer.counter("picloud_x", "X.", Map.of("a", "1"), 2); // same labels again
        writer.gauge("picloud_x", "X.", Map.of("a", "2"), 1); // other type
        writer.counter("picloud_x", "X.", Map.of("b", "2"), 1); // other label names
        writer.counter("bad-name", "X.", Map.of(), 1);
        writer.histogram("picloud_h", "H.", Map.of(), new double[] {2, 1}, new long[] {1, 1}, 1, 2);
        assertEquals(5, writer.skipped());
        assertEquals(1, writer.snapshots().size());
    }
}
