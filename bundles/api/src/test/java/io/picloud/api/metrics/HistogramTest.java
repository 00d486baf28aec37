package io.picloud.api.metrics;

import org.junit.Test;

import java.util.Map;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

public class HistogramTest {
    @Test
    public void observationsGoToTheFirstBoundAtOrAboveThem() {
        Histogram h = new Histogram(new double[] {1, 2});
        h.observe(0.5);
        h.observe(1);
        h.observe(1.5);
        h.observe(7);
        long[][] counts = new long[1][];
        double[] sum = new double[1];
        long[] count = new long[1];
        h.writeTo(new MetricWriter() {
            @Override
            public void counter(String name, String help, Map<String, String> labels, double value) {
            }

            @Override
            public void gauge(String name, String help, Map<String, String> labels, double value) {
            }

            @Override
            public void histogram(String name, String help, Map<String, String> labels, double[] upperBounds,
                                  long[] c, double s, long n) {
                counts[0] = c;
                sum[0] = s;
                count[0] = n;
            }
        }, "picloud_x_seconds", "X.", Map.of());
        assertArrayEquals(new long[] {2, 1}, counts[0]);
        assertEquals(4, count[0]);
        assertEquals(10, sum[0], 1e-9);
    }

    @Test(expected = IllegalArgumentException.class)
    public void boundsMustIncrease() {
        new Histogram(new double[] {1, 1});
    }
}
