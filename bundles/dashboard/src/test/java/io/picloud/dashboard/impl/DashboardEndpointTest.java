package io.picloud.dashboard.impl;

import org.junit.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** The answers at /: files, gzip, 304, the SPA fallback, JSON errors, and the security headers on all of them. */
public class DashboardEndpointTest {
    private final DashboardFiles files = DashboardFilesTest.sample();
    private final DashboardEndpoint endpoint = new DashboardEndpoint(files);

    @Test
    public void answersAFileInlineWithItsTypeAndCacheRule() throws Exception {
        TestExchange exchange = new TestExchange("GET", "/_app/immutable/entry/start.abc.js");
        assertTrue(endpoint.handleInline(exchange));
        assertEquals(1, exchange.answers());
        assertEquals(200, exchange.status);
        assertEquals("text/javascript; charset=utf-8", exchange.answerHeader("Content-Type"));
        assertEquals("public, max-age=31536000, immutable", exchange.answerHeader("Cache-Control"));
        assertNull(exchange.answerHeader("Content-Encoding"));
        assertArrayEquals(files.resolve("/_app/immutable/entry/start.abc.js").body(false), exchange.body);
    }

    @Test
    public void answersGzipWhenTheClientTakesIt() throws Exception {
        TestExchange exchange = get("/_app/immutable/entry/start.abc.js", "Accept-Encoding", "gzip, deflate, br");
        assertEquals(200, exchange.status);
        assertEquals("gzip", exchange.answerHeader("Content-Encoding"));
        assertEquals("Accept-Encoding", exchange.answerHeader("Vary"));
        assertEquals(0x1f, exchange.body[0] & 0xff);
        assertEquals(0x8b, exchange.body[1] & 0xff);
    }

    @Test
    public void answers304ForATagTheClientHolds() throws Exception {
        TestExchange first = get("/index.html", "Accept-Encoding", "gzip");
        String etag = first.answerHeader("ETag");
        TestExchange again = get("/index.html", "Accept-Encoding", "gzip", "If-None-Match", etag);
        assertEquals(304, again.status);
        assertNull(again.body);
        assertEquals(etag, again.answerHeader("ETag"));
        assertEquals("no-cache", again.answerHeader("Cache-Control"));
        assertSecurityHeaders(again);

        TestExchange changed = get("/index.html", "If-None-Match", "\"an-older-build\"");
        assertEquals(200, changed.status);
    }

    @Test
    public void aDeepLinkGetsIndexHtmlNotCached() throws Exception {
        TestExchange exchange = get("/scripts/hello");
        assertEquals(200, exchange.status);
        assertEquals("text/html; charset=utf-8", exchange.answerHeader("Content-Type"));
        assertEquals("no-cache", exchange.answerHeader("Cache-Control"));
        assertEquals("<!doctype html><title>PiCloud</title>", new String(exchange.body, StandardCharsets.UTF_8));
        assertEquals(200, get("/").status);
        TestExchange head = head("/invocations/4.2");
        assertEquals(200, head.status);
        assertEquals("text/html; charset=utf-8", head.answerHeader("Content-Type"));
    }

    @Test
    public void aMissingFileOrAnotherEndpointsPathIsJson404() throws Exception {
        for (String path : new String[] {"/missing.js", "/fn/hello", "/api/v1/nothing"}) {
            TestExchange exchange = get(path);
            assertEquals(path, 404, exchange.status);
            assertEquals("application/json", exchange.contentType);
            assertEquals("{\"error\":{\"code\":\"not_found\",\"message\":\"no file at this path\"}}",
                    new String(exchange.body, StandardCharsets.UTF_8));
            assertSecurityHeaders(exchange);
        }
    }

    @Test
    public void onlyGetAndHeadAreAnswered() throws Exception {
        TestExchange exchange = new TestExchange("POST", "/scripts/hello");
        endpoint.handle(exchange);
        assertEquals(405, exchange.status);
        assertEquals("GET, HEAD", exchange.answerHeader("Allow"));
        assertTrue(new String(exchange.body, StandardCharsets.UTF_8).contains("\"method_not_allowed\""));
        assertSecurityHeaders(exchange);
        assertEquals(200, head("/favicon.svg").status);
    }

    @Test
    public void everyFileAnswerCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] {"/", "/favicon.svg", "/logo.png", "/_app/version.json", "/users"}) {
            assertSecurityHeaders(get(path, "Accept-Encoding", "gzip"));
            assertSecurityHeaders(get(path));
        }
    }

    private static void assertSecurityHeaders(TestExchange exchange) {
        assertEquals("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                        + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
                exchange.answerHeader("Content-Security-Policy"));
        assertEquals("DENY", exchange.answerHeader("X-Frame-Options"));
        assertEquals("nosniff", exchange.answerHeader("X-Content-Type-Options"));
        assertEquals("same-origin", exchange.answerHeader("Referrer-Policy"));
    }

    private TestExchange get(String path, String... headers) throws Exception {
        TestExchange exchange = new TestExchange("GET", path, headers);
        endpoint.handle(exchange);
        return exchange;
    }

    private TestExchange head(String path) throws Exception {
        TestExchange exchange = new TestExchange("HEAD", path);
        endpoint.handle(exchange);
        return exchange;
    }
}
