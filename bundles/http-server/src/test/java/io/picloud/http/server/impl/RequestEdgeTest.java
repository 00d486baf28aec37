package io.picloud.http.server.impl;

import io.picloud.http.api.HttpEndpoint;
import io.picloud.http.api.HttpExchange;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Requests through raw sockets that a well-behaved client would never send: encoded slashes and dot segments that
 * try to reach {@code /api} through {@code /fn}, oversized headers, malformed requests and endpoints that throw.
 * None reaches the wrong endpoint, every answer is JSON, and none names a Java class.
 */
public class RequestEdgeTest {
    private final List<String> apiSaw = new CopyOnWriteArrayList<>();
    private TestHttpServer server;

    @Before
    public void start() throws Exception {
        server = TestHttpServer.configured(Map.of("requestHeaderSize", 4096))
                .and("/", echo("root"))
                .and("/fn", echo("fn"))
                .and("/r", echo("r"))
                .and("/api", exchange -> {
                    apiSaw.add(exchange.method() + " " + exchange.rawPath());
                    exchange.respond(200, Map.of(), "text/plain", "api".getBytes(StandardCharsets.UTF_8));
                })
                .and("/boom", exchange -> {
                    throw new IllegalStateException("java.lang.secret in org.eclipse.jetty.Something");
                })
                .and("/deep", new HttpEndpoint() {
                    @Override
                    public boolean handleInline(HttpExchange exchange) {
                        throw new StackOverflowError("java.lang.StackOverflowError deep");
                    }

                    @Override
                    public void handle(HttpExchange exchange) {
                    }
                })
                .and("/huge-headers", exchange -> exchange.respond(200, Map.of("X-Big", "y".repeat(64 * 1024)),
                        "text/plain", "x".getBytes(StandardCharsets.UTF_8)));
    }

    @After
    public void stop() throws Exception {
        server.close();
    }

    private static HttpEndpoint echo(String name) {
        return exchange -> exchange.respond(200, Map.of(), "text/plain",
                (name + " " + exchange.rawPath() + " " + exchange.pathWithinPrefix()).getBytes(StandardCharsets.UTF_8));
    }

    private String get(String target) throws Exception {
        return RawHttp.exchange(server.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    @Test(timeout = 60_000)
    public void encodedSlashesAndDotSegmentsNeverReachTheApiThroughFn() throws Exception {
        String[] attacks = {
            "/fn/..%2Fapi%2Fv1%2Fusers", "/fn/..%2fapi/v1/users", "/fn/%2e%2e/api/v1/users", "/fn/%2E%2E/api/v1/users",
            "/fn/.%2e/api/v1/users", "/fn/a/../../api/v1/users", "/fn/../api/v1/users", "/fn/./../api/v1/users",
            "/fn/..%5Capi%5Cv1%5Cusers", "/fn/..%5capi/v1/users", "/fn/%252e%252e/api/v1/users",
            "/fn/%252e%252e%252fapi%252fv1%252fusers", "/fn/..%252Fapi%252Fv1%252Fusers",
            "/fn/%25252e%25252e/api/v1/users", "/fn/..;/api/v1/users", "/fn/%2e%2e;x/api/v1/users",
            "/fn/%c0%ae%c0%ae/api/v1/users", "/fn/%u002e%u002e/api/v1/users", "/fn/..\\api\\v1\\users",
            "/fn//../api/v1/users", "/fn%2F..%2Fapi%2Fv1%2Fusers", "/fn/x/..%2F..%2Fapi%2Fv1%2Fusers",
            "http://x/fn/..%2Fapi%2Fv1%2Fusers", "http://x/fn/a/../../api/v1/users",
        };
        for (String attack : attacks) {
            String answer = get(attack);
            String status = answer.length() >= 12 ? answer.substring(9, 12) : answer;
            assertTrue(attack + ": " + answer, status.equals("400") || status.equals("404"));
            assertTrue(attack + ": " + answer, RawHttp.body(answer).startsWith("{\"error\":{\"code\":"));
        }
        assertEquals("no attack reached /api", Collections.emptyList(), apiSaw);
        assertTrue(get("/api/v1/users").endsWith("api"));
        assertEquals(List.of("GET /api/v1/users"), apiSaw);
    }

    @Test(timeout = 60_000)
    public void anEncodedSlashStaysDataInsideItsSegment() throws Exception {
        assertTrue(get("/r/users/a%2Fb").endsWith("r /r/users/a%2Fb /users/a/b"));
        assertTrue(get("/fn/hello.world").endsWith("fn /fn/hello.world /hello.world"));
        assertTrue(get("/fn/.well-known/x").endsWith("fn /fn/.well-known/x /.well-known/x"));
        // routed by the canonical path: an encoded "/" never joins segments into a prefix
        assertTrue(get("/api%2Fv1%2Fusers").contains("root /api%2Fv1%2Fusers"));
        assertTrue(get("/f%6E/x").endsWith("fn /fn/x /x"));
        assertTrue(apiSaw.isEmpty());
    }

    @Test(timeout = 60_000)
    public void oversizedHeadersGet431Json() throws Exception {
        String big = RawHttp.exchange(server.port(), "GET /fn/x HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(8192)
                + "\r\n\r\n");
        assertTrue(big, big.startsWith("HTTP/1.1 431"));
        assertTrue(big, RawHttp.body(big).startsWith("{\"error\":{\"code\":\"headers_too_large\""));
        String fits = RawHttp.exchange(server.port(), "GET /fn/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: "
                + "a".repeat(2048) + "\r\n\r\n");
        assertTrue(fits, fits.startsWith("HTTP/1.1 200"));
    }

    @Test(timeout = 60_000)
    public void theDefaultHeaderLimitIs16KiB() throws Exception {
        try (TestHttpServer defaults = TestHttpServer.serving("/fn", echo("fn"))) {
            String fits = RawHttp.exchange(defaults.port(), "GET /fn/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "X-Big: " + "a".repeat(12 * 1024) + "\r\n\r\n");
            assertTrue(fits, fits.startsWith("HTTP/1.1 200"));
            String big = RawHttp.exchange(defaults.port(), "GET /fn/x HTTP/1.1\r\nHost: x\r\nX-Big: "
                    + "a".repeat(20 * 1024) + "\r\n\r\n");
            assertTrue(big, big.startsWith("HTTP/1.1 431"));
        }
    }

    @Test(timeout = 60_000)
    public void brokenRequestsAndFailingEndpointsNeverShowAClassName() throws Exception {
        String[] requests = {
            "GARBAGE\r\n\r\n",
            "GET /fn/x HTTP/1.1\r\nHost: a\r\nbad header line\r\n\r\n",
            "GET /fn/%zz HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /fn/\u0001 HTTP/1.1\r\nHost: a\r\n\r\n",
            "G(T /fn/x HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /fn/x HTTP/7.0\r\nHost: a\r\n\r\n",
            "POST /fn/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n",
            "POST /fn/x HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n",
            "POST /fn/x HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            "GET /fn/x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET " + "/a".repeat(4096) + " HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /boom HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
            "GET /deep HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
            "GET /huge-headers HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
        };
        for (String request : requests) {
            String answer = RawHttp.exchange(server.port(), request);
            String what = request.substring(0, Math.min(60, request.length())) + " -> " + answer;
            assertTrue(what, answer.startsWith("HTTP/1.1 4") || answer.startsWith("HTTP/1.1 5"));
            String body = RawHttp.body(answer);
            assertTrue(what, body.startsWith("{\"error\":{\"code\":"));
            for (String leak : new String[] {"java.", "org.eclipse", "Exception", "Error"}) {
                assertFalse(what, body.contains(leak));
            }
        }
    }
}
