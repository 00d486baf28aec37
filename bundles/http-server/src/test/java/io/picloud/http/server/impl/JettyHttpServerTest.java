package io.picloud.http.server.impl;

import io.picloud.http.api.HttpEndpoint;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class JettyHttpServerTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private JettyHttpServer server;

    @Before
    public void start() throws Exception {
        server = new JettyHttpServer(config());
    }

    @After
    public void stop() throws Exception {
        server.stop();
    }

    @Test
    public void routesByLongestPrefixAndGivesThePathWithinIt() throws Exception {
        server.addEndpoint(echo("short"), Map.of(HttpEndpoint.PREFIX, "/a"));
        server.addEndpoint(echo("long"), Map.of(HttpEndpoint.PREFIX, "/a/b"));

        assertEquals("short GET /a/x/y /x/y q=1", get("/a/x/y?q=1").body());
        assertEquals("long GET /a/b/c /c null", get("/a/b/c").body());
        assertEquals("short GET /a  null", get("/a").body());
        assertEquals(404, get("/ab").statusCode());
    }

    @Test
    public void theRootEndpointGetsWhatNoOtherPrefixMatchesWithTheWholePath() throws Exception {
        server.addEndpoint(echo("root"), Map.of(HttpEndpoint.PREFIX, "/"));
        server.addEndpoint(echo("fn"), Map.of(HttpEndpoint.PREFIX, "/fn"));

        assertEquals("root GET / / null", get("/").body());
        assertEquals("root GET /scripts/hello /scripts/hello x=1", get("/scripts/hello?x=1").body());
        assertEquals("root GET /fnord /fnord null", get("/fnord").body());
        assertEquals("fn GET /fn/hello /hello null", get("/fn/hello").body());
    }

    @Test
    public void unknownPathIsJson404() throws Exception {
        HttpResponse<String> response = get("/nothing/here");
        assertEquals(404, response.statusCode());
        assertEquals("{\"error\":{\"code\":\"not_found\",\"message\":\"nothing is served at /nothing/here\"}}",
                response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    }

    @Test
    public void jettysOwnRefusalIsJsonForEveryMethod() throws Exception {
        server.addEndpoint(echo("x"), Map.of(HttpEndpoint.PREFIX, "/a"));
        for (String method : new String[] {"GET", "DELETE", "PUT"}) {
            HttpResponse<String> r = client.send(request("/a/%01").method(method,
                    HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(method, 400, r.statusCode());
            assertTrue(method + ": " + r.body(), r.body().startsWith("{\"error\":{\"code\":"));
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        }
    }

    @Test
    public void readsTheBodyAndRejectsOneOverTheLimit() throws Exception {
        server.addEndpoint(exchange -> {
            byte[] body = exchange.body(8);
            exchange.respond(200, Map.of("X-Len", Integer.toString(body.length)), "text/plain", body);
        }, Map.of(HttpEndpoint.PREFIX, "/body"));

        HttpResponse<String> ok = post("/body", "12345678");
        assertEquals(200, ok.statusCode());
        assertEquals("12345678", ok.body());
        assertEquals("8", ok.headers().firstValue("x-len").orElseThrow());

        HttpResponse<String> tooLarge = post("/body", "123456789");
        assertEquals(413, tooLarge.statusCode());
        assertTrue(tooLarge.body(), tooLarge.body().contains("\"payload_too_large\""));
    }

    @Test
    public void readsALargeDeclaredBodyAndAChunkedOneWhole() throws Exception {
        server.addEndpoint(exchange -> {
            byte[] body = exchange.body(1 << 20);
            exchange.respond(200, Map.of("X-Len", Integer.toString(body.length)), "text/plain", body);
        }, Map.of(HttpEndpoint.PREFIX, "/body"));
        String large = "0123456789".repeat(30_000);

        HttpResponse<String> declared = post("/body", large);
        assertEquals(large, declared.body());
        HttpResponse<String> chunked = client.send(request("/body").POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(large.getBytes(StandardCharsets.UTF_8)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(large, chunked.body());
        assertEquals("300000", chunked.headers().firstValue("x-len").orElseThrow());
    }

    @Test
    public void anEndpointThatThrowsOrDoesNotAnswerGivesJson500WithoutDetails() throws Exception {
        server.addEndpoint(exchange -> {
            throw new IllegalStateException("secret detail");
        }, Map.of(HttpEndpoint.PREFIX, "/boom"));
        server.addEndpoint(exchange -> { }, Map.of(HttpEndpoint.PREFIX, "/silent"));

        for (String path : new String[] {"/boom", "/silent"}) {
            HttpResponse<String> response = get(path);
            assertEquals(500, response.statusCode());
            assertEquals("{\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}", response.body());
        }
    }

    @Test
    public void anEndpointAnswersInlineWhenItCanAndOnAWorkerWhenItCannot() throws Exception {
        java.util.List<String> threads = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        server.addEndpoint(new HttpEndpoint() {
            @Override
            public boolean handleInline(io.picloud.http.api.HttpExchange exchange) throws java.io.IOException {
                threads.add("inline " + Thread.currentThread().getName());
                if (exchange.hasBody()) {
                    return false; // reading it could block
                }
                exchange.respond(200, Map.of(), "text/plain", "inline".getBytes(StandardCharsets.UTF_8));
                return true;
            }

            @Override
            public void handle(io.picloud.http.api.HttpExchange exchange) throws java.io.IOException {
                threads.add("worker " + Thread.currentThread().getName());
                exchange.respond(200, Map.of(), "text/plain", exchange.body(100));
            }
        }, Map.of(HttpEndpoint.PREFIX, "/mixed"));

        assertEquals("inline", get("/mixed").body());
        assertEquals("posted", post("/mixed", "posted").body());
        assertEquals(3, threads.size());
        assertTrue(threads.toString(), threads.get(0).startsWith("inline picloud-http"));
        assertTrue(threads.toString(), threads.get(2).startsWith("worker picloud-http"));
        assertTrue("the worker is not the I/O thread: " + threads,
                !threads.get(2).substring(7).equals(threads.get(1).substring(7)));
    }

    @Test
    public void anEndpointThatThrowsInlineGivesJson500() throws Exception {
        server.addEndpoint(new HttpEndpoint() {
            @Override
            public boolean handleInline(io.picloud.http.api.HttpExchange exchange) {
                throw new IllegalStateException("secret detail");
            }

            @Override
            public void handle(io.picloud.http.api.HttpExchange exchange) {
                throw new AssertionError("not called after a failed inline attempt");
            }
        }, Map.of(HttpEndpoint.PREFIX, "/inline-boom"));
        HttpResponse<String> response = get("/inline-boom");
        assertEquals(500, response.statusCode());
        assertEquals("{\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}", response.body());
    }

    @Test
    public void aSecondEndpointForOnePrefixIsRefusedAndRemovalStopsServing() throws Exception {
        HttpEndpoint first = echo("first");
        server.addEndpoint(first, Map.of(HttpEndpoint.PREFIX, "/p"));
        server.addEndpoint(echo("second"), Map.of(HttpEndpoint.PREFIX, "/p"));
        assertTrue(get("/p").body().startsWith("first"));

        server.removeEndpoint(first);
        HttpResponse<String> gone = get("/p");      // just departed (an update?): retry, not "nothing here"
        assertEquals(503, gone.statusCode());
        assertEquals("1", gone.headers().firstValue("Retry-After").orElse(""));
        assertEquals(404, get("/other").statusCode());
    }

    @Test
    public void aRequestInFlightFinishesWhenTheServerStops() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        server.addEndpoint(exchange -> {
            inside.countDown();
            sleep(500);
            exchange.respond(200, Map.of(), "text/plain", "done".getBytes(StandardCharsets.UTF_8));
        }, Map.of(HttpEndpoint.PREFIX, "/slow"));

        var pending = client.sendAsync(request("/slow").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        server.stop();
        HttpResponse<String> response = pending.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("done", response.body());
        server = new JettyHttpServer(config()); // for @After
    }

    @Test
    public void aMalformedRequestGetsJson400() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /x HTTP/1.1\r\nHost: a\r\nbad header line\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer, answer.startsWith("HTTP/1.1 400"));
            assertTrue(answer, answer.contains("{\"error\":{\"code\":\"bad_request\""));
        }
    }

    private static HttpEndpoint echo(String name) {
        return exchange -> exchange.respond(200, Map.of(), "text/plain; charset=utf-8",
                (name + " " + exchange.method() + " " + exchange.path() + " " + exchange.pathWithinPrefix() + " "
                        + exchange.query()).getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The test server's configuration: a free loopback port, 16 workers, every other setting at its default. */
    static HttpServerConfig config() {
        return config(Map.of());
    }

    /** As {@link #config()}, with some settings changed (by attribute name). */
    static HttpServerConfig config(Map<String, Object> changed) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("port", 0, "host", "127.0.0.1",
                "maxThreads", 16, "minThreads", 2, "stopTimeoutSeconds", 5));
        values.putAll(changed);
        return (HttpServerConfig) java.lang.reflect.Proxy.newProxyInstance(HttpServerConfig.class.getClassLoader(),
                new Class<?>[] {HttpServerConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return HttpServerConfig.class;
                    }
                    Object value = values.get(method.getName());
                    return value != null ? value : method.getDefaultValue();
                });
    }
}
