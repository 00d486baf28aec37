package io.picloud.dashboard.impl;

import org.junit.Test;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class AcceptEncodingTest {
    @Test
    public void gzipIsTakenWhenListedWithAWeightAboveZero() {
        assertTrue(AcceptEncoding.allowsGzip("gzip"));
        assertTrue(AcceptEncoding.allowsGzip("gzip, deflate, br, zstd"));
        assertTrue(AcceptEncoding.allowsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(AcceptEncoding.allowsGzip("x-gzip"));
        assertTrue(AcceptEncoding.allowsGzip("*"));
        assertTrue(AcceptEncoding.allowsGzip("br, *;q=0.1"));
    }

    @Test
    public void gzipIsRefusedWhenAbsentOrWeightedZero() {
        assertFalse(AcceptEncoding.allowsGzip(null));
        assertFalse(AcceptEncoding.allowsGzip(""));
        assertFalse(AcceptEncoding.allowsGzip("identity"));
        assertFalse(AcceptEncoding.allowsGzip("br, deflate"));
        assertFalse(AcceptEncoding.allowsGzip("gzip;q=0"));
        assertFalse(AcceptEncoding.allowsGzip("gzip; q=0.000"));
        assertFalse(AcceptEncoding.allowsGzip("*;q=0"));
        assertFalse("gzip named explicitly wins over *", AcceptEncoding.allowsGzip("*, gzip;q=0"));
        assertFalse(AcceptEncoding.allowsGzip("gzip;q=x"));
    }
}
