package io.picloud.trigger.http.impl;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptVersion;
import io.picloud.api.StoreUnavailableException;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** The servlet in a real Jetty 9.4 (the one pax-web runs) with a real HTTP client; the dispatcher is a stand-in. */
public class FnServletTest {
    private final AtomicReference<Event> lastEvent = new AtomicReference<>();
    private volatile Function<Event, Optional<Dispatcher.Dispatch>> answer;
    private Server server;
    private String base;
    private final HttpClient client = HttpClient.newHttpClient();

    @Before
    public void start() throws Exception {
        Dispatcher dispatcher = event -> {
            lastEvent.set(event);
            return answer.apply(event);
        };
        FnServlet servlet = new FnServlet(dispatcher, config(64));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(servlet), "/fn/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @After
    public void stop() throws Exception {
        server.stop();
    }

    private static FnServlet.Config config(long maxBody) {
        return (FnServlet.Config) Proxy.newProxyInstance(FnServletTest.class.getClassLoader(),
                new Class<?>[]{FnServlet.Config.class}, (p, m, a) -> switch (m.getName()) {
                    case "maxBodyBytes" -> maxBody;
                    case "retryAfterSeconds" -> 3;
                    case "annotationType" -> FnServlet.Config.class;
                    default -> m.getDefaultValue();
                });
    }

    private static Optional<Dispatcher.Dispatch> value(Object value) {
        return Optional.of(new Dispatcher.Dispatch(new ScriptVersion("x", 1, "h", "", Instant.EPOCH),
                new ExecutionOutcome(value, null, false, List.of(), 1, 1)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void postWithQueryHeadersAndJsonReachesTheScriptAsTheRequestMap() throws Exception {
        answer = e -> value("ok");
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/fn/echo/a/b?x=1&y=z%20z"))
                .header("Content-Type", "application/json").header("X-Thing", "T")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}")));
        assertEquals(200, r.statusCode());
        assertEquals("text/plain;charset=utf-8", r.headers().firstValue("content-type").orElse("").toLowerCase().replace(" ", ""));
        assertEquals("ok", r.body());

        Event e = lastEvent.get();
        assertEquals("http", e.type());
        assertEquals("echo", e.script());
        Map<String, Object> req = e.payload();
        assertEquals("POST", req.get("method"));
        assertEquals("/fn/echo/a/b", req.get("path"));
        assertEquals(Map.of("x", "1", "y", "z z"), req.get("query"));
        assertEquals("T", ((Map<?, ?>) req.get("headers")).get("x-thing"));
        assertEquals("{\"n\":1}", req.get("body"));
        assertEquals(Map.of("n", 1L), req.get("json"));
        assertEquals(Map.of("name", "echo", "rest", "a/b"), req.get("params"));
    }

    @Test
    public void jsonValuesAnd204() throws Exception {
        answer = e -> value(Map.of("a", List.of(1L, 2L)));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/fn/j")));
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
        assertEquals("{\"a\":[1,2]}", r.body());

        answer = e -> value(null);
        r = send(HttpRequest.newBuilder(URI.create(base + "/fn/j")).DELETE());
        assertEquals(204, r.statusCode());
        assertEquals("", r.body());
    }

    @Test
    public void responseMapSetsStatusHeadersAndBody() throws Exception {
        answer = e -> value(Map.of("status", 418L, "headers", Map.of("X-Tea", "yes"), "body", "short and stout"));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/fn/teapot")));
        assertEquals(418, r.statusCode());
        assertEquals("yes", r.headers().firstValue("x-tea").orElse(""));
        assertEquals("short and stout", r.body());
    }

    @Test
    public void unknownScriptIs404Json() throws Exception {
        answer = e -> Optional.empty();
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/fn/nope")));
        assertEquals(404, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
        assertEquals("{\"error\":{\"code\":\"not_found\",\"message\":\"no script named 'nope'\"}}", r.body());
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(base + "/fn/"))).statusCode());
    }

    @Test
    public void bodyOverTheLimitIs413AndNeverDispatched() throws Exception {
        answer = e -> value("should not run");
        lastEvent.set(null);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/fn/big"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(65))));
        assertEquals(413, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"code\":\"payload_too_large\""));
        assertEquals(null, lastEvent.get());
        assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/fn/big"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(64)))).statusCode());
    }

    @Test
    public void scriptErrorIs500WithoutStackTrace() throws Exception {
        answer = e -> Optional.of(new Dispatcher.Dispatch(new ScriptVersion("x", 1, "h", "", Instant.EPOCH),
                new ExecutionOutcome(null, new ScriptProblem("ErrorArithmetic", "Division by zero", 3, 9), false,
                        List.of(), 1, 1)));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/fn/div")));
        assertEquals(500, r.statusCode());
        assertEquals("{\"error\":{\"kind\":\"ErrorArithmetic\",\"message\":\"Division by zero\",\"line\":3,\"column\":9}}",
                r.body());
    }

    @Test
    public void storeOutageIs503WithRetryAfterAndBugsAre500WithoutDetails() throws Exception {
        answer = e -> {
            throw new StoreUnavailableException("db down", null);
        };
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/fn/x")));
        assertEquals(503, r.statusCode());
        assertEquals("3", r.headers().firstValue("retry-after").orElse(""));

        answer = e -> {
            throw new IllegalStateException("secret internals");
        };
        r = send(HttpRequest.newBuilder(URI.create(base + "/fn/x")));
        assertEquals(500, r.statusCode());
        assertFalse(r.body().contains("secret"));
        assertFalse(r.body().contains("Exception"));
    }
}
