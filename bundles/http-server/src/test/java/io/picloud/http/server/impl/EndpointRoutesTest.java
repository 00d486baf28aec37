package io.picloud.http.server.impl;

import io.picloud.trigger.api.http.HttpEndpoint;
import org.junit.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** A departed prefix is remembered for the grace period (503 then), forgotten after it or when served again. */
public class EndpointRoutesTest {
    private Instant now = Instant.parse("2026-06-01T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    public void aPrefixThatLostItsEndpointIsDepartedForTheGracePeriodOnly() {
        EndpointRoutes routes = new EndpointRoutes(clock);
        HttpEndpoint old = exchange -> { };
        routes.add("/r", old);
        assertFalse(routes.departedRecently("/r/x"));
        routes.remove(old);
        assertNull(routes.find("/r/x"));
        assertTrue(routes.departedRecently("/r/x"));
        assertTrue(routes.departedRecently("/r"));
        assertFalse(routes.departedRecently("/rx"));
        assertFalse(routes.departedRecently("/hooks/a"));

        // updated: the new endpoint serves and the prefix is no longer departed
        HttpEndpoint updated = exchange -> { };
        routes.add("/r", updated);
        assertNotNull(routes.find("/r/x"));
        assertFalse(routes.departedRecently("/r/x"));

        // removed for good: 503 during the grace period, then 404
        routes.remove(updated);
        now = now.plus(EndpointRoutes.DEPARTED_GRACE).minus(Duration.ofMillis(1));
        assertTrue(routes.departedRecently("/r/x"));
        now = now.plus(Duration.ofMillis(2));
        assertFalse(routes.departedRecently("/r/x"));
    }
}
