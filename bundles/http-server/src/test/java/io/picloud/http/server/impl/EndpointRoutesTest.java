package io.picloud.http.server.impl;

import io.picloud.http.api.HttpEndpoint;
import org.junit.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

/**
 * The longest prefix wins, the root prefix takes what no other prefix matches; a departed prefix is remembered for
 * the grace period (503 then), forgotten after it or when served again.
 */
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

    @Test
    public void theRootPrefixServesOnlyThePathsNoOtherPrefixMatches() {
        EndpointRoutes routes = new EndpointRoutes(clock);
        HttpEndpoint root = exchange -> { };
        HttpEndpoint api = exchange -> { };
        HttpEndpoint apiV1 = exchange -> { };
        // registered shortest first: the order of registration must not matter
        assertTrue(routes.add("/", root));
        assertTrue(routes.add("/api", api));
        assertTrue(routes.add("/api/v1", apiV1));

        assertSame(apiV1, routes.find("/api/v1/scripts").endpoint());
        assertSame(apiV1, routes.find("/api/v1").endpoint());
        assertSame(api, routes.find("/api/v2").endpoint());
        assertSame(api, routes.find("/api").endpoint());
        assertSame(root, routes.find("/apix").endpoint());
        assertSame(root, routes.find("/").endpoint());
        assertSame(root, routes.find("/scripts/hello").endpoint());
        assertSame(root, routes.find("/_app/immutable/entry/start.js").endpoint());
    }

    @Test
    public void thePathWithinTheRootIsTheWholePath() {
        EndpointRoutes routes = new EndpointRoutes(clock);
        routes.add("/", exchange -> { });
        routes.add("/fn", exchange -> { });
        EndpointRoutes.Route root = routes.find("/scripts/x");
        assertEquals(0, root.length());
        assertEquals(3, routes.find("/fn/x").length());
    }

    @Test
    public void theRootIsAValidPrefixButTrailingSlashesAndEmptyOnesAreNot() {
        assertTrue(EndpointRoutes.isValidPrefix("/"));
        assertTrue(EndpointRoutes.isValidPrefix("/fn"));
        assertFalse(EndpointRoutes.isValidPrefix(""));
        assertFalse(EndpointRoutes.isValidPrefix(null));
        assertFalse(EndpointRoutes.isValidPrefix("//"));
        assertFalse(EndpointRoutes.isValidPrefix("/fn/"));
        assertFalse(EndpointRoutes.isValidPrefix("fn"));
        EndpointRoutes routes = new EndpointRoutes(clock);
        assertTrue(routes.add("/", exchange -> { }));
        assertFalse("a second root", routes.add("/", exchange -> { }));
    }

    @Test
    public void withoutARootAPathNoPrefixMatchesFindsNothing() {
        EndpointRoutes routes = new EndpointRoutes(clock);
        routes.add("/fn", exchange -> { });
        assertNull(routes.find("/"));
        assertNull(routes.find("/scripts"));
    }
}
