package io.picloud.metrics.impl;

import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

public class MetricsAccessTest {
    @Test
    public void loopbackIsAllowedWithoutAToken() {
        MetricsAccess access = new MetricsAccess("");
        assertEquals(MetricsAccess.Decision.ALLOW, access.check("127.0.0.1", null));
        assertEquals(MetricsAccess.Decision.ALLOW, access.check("::1", null));
        assertEquals(MetricsAccess.Decision.ALLOW, access.check("[0:0:0:0:0:0:0:1]", null));
    }

    @Test
    public void othersAreForbiddenWithoutAToken() {
        MetricsAccess access = new MetricsAccess(null);
        assertEquals(MetricsAccess.Decision.FORBIDDEN, access.check("192.0.2.7", null));
        assertEquals(MetricsAccess.Decision.FORBIDDEN, access.check("192.0.2.7", "Bearer anything"));
    }

    @Test
    public void theTokenLetsOthersIn() {
        MetricsAccess access = new MetricsAccess("s3cret");
        assertEquals(MetricsAccess.Decision.ALLOW, access.check("192.0.2.7", "Bearer s3cret"));
        assertEquals(MetricsAccess.Decision.ALLOW, access.check("192.0.2.7", "bearer s3cret"));
        assertEquals(MetricsAccess.Decision.UNAUTHENTICATED, access.check("192.0.2.7", "Bearer wrong"));
        assertEquals(MetricsAccess.Decision.UNAUTHENTICATED, access.check("192.0.2.7", null));
        assertEquals(MetricsAccess.Decision.ALLOW, access.check("127.0.0.1", null));
    }

    @Test
    public void namesAreNeverLoopback() {
        assertFalse(MetricsAccess.loopback("localhost"));
        assertFalse(MetricsAccess.loopback(null));
        assertFalse(MetricsAccess.loopback(""));
        assertTrue(MetricsAccess.loopback("127.1.2.3"));
    }
}
