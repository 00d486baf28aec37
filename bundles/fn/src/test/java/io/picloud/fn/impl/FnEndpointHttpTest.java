package io.picloud.fn.impl;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptVersion;
import io.picloud.api.control.EndpointAccess;
import io.picloud.http.server.impl.TestHttpServer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** /fn over real HTTP on PiCloud's server: the shared request map and answer reach the socket. */
public class FnEndpointHttpTest {
    private static final byte[] BLOB = {0, 1, (byte) 0xfe, (byte) 0xff, '[', 'B', '@'};
    private final HttpClient client = HttpClient.newHttpClient();
    private TestHttpServer server;
    private String base;

    /** Answers by script name: blob, deep (10,000 nested arrays), ops (a limit), echo (what the script saw). */
    private static Optional<Dispatcher.Dispatch> run(Event event) {
        Object value;
        ScriptProblem problem = null;
        switch (event.script()) {
            case "blob" -> value = BLOB;
            case "deep" -> {
                Object deep = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    List<Object> outer = new ArrayList<>();
                    outer.add(deep);
                    deep = outer;
                }
                value = deep;
            }
            case "ops" -> {
                value = null;
                problem = new ScriptProblem("ErrorTooManyOperations", "operations limit", 2, 5);
            }
            default -> value = Map.of("json", event.payload().get("json"), "headers", event.payload().get("headers"),
                    "query", event.payload().get("query"), "params", event.payload().get("params"));
        }
        return Optional.of(new Dispatcher.Dispatch(new ScriptVersion(event.script(), 1, "h", "", Instant.EPOCH),
                new ExecutionOutcome(value, problem, problem != null, List.of(), 1, 1)));
    }

    @Before
    public void start() throws Exception {
        FnEndpoint.Config config = (FnEndpoint.Config) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{FnEndpoint.Config.class}, (p, m, a) -> switch (m.getName()) {
                    case "maxBodyBytes" -> 1024L;
                    case "retryAfterSeconds" -> 1;
                    default -> m.getDefaultValue();
                });
        server = TestHttpServer.serving("/fn", new FnEndpoint(FnEndpointHttpTest::run,
                (script, key) -> EndpointAccess.Decision.ALLOW, new QueueFake(), config));
        base = server.base();
    }

    @After
    public void stop() throws Exception {
        server.close();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test(timeout = 30_000)
    public void valuesAndErrorsReachTheSocketAsMapped() throws Exception {
        HttpResponse<byte[]> blob = get("/fn/blob");
        assertEquals(200, blob.statusCode());
        assertEquals("application/octet-stream", blob.headers().firstValue("content-type").orElse(""));
        assertArrayEquals(BLOB, blob.body());

        HttpResponse<byte[]> deep = get("/fn/deep");
        String deepText = new String(deep.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(500, deep.statusCode());
        assertTrue(deepText, deepText.startsWith("{\"error\":{\"kind\":\"ErrorDataTooLarge\","));
        assertFalse(deepText.contains("Exception"));

        HttpResponse<byte[]> ops = get("/fn/ops");
        assertEquals(508, ops.statusCode());
        assertEquals("{\"error\":{\"kind\":\"ErrorTooManyOperations\",\"message\":\"operations limit\",\"line\":2,"
                + "\"column\":5}}", new String(ops.body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test(timeout = 30_000)
    public void theScriptSeesTheSharedRequestMap() throws Exception {
        HttpResponse<String> echo = client.send(HttpRequest.newBuilder(URI.create(base + "/fn/echo/a/b?x=1&x=2"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":[1,2]}")).header("Content-Type", "application/json")
                .header("X-Trace", "t1").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, echo.statusCode());
        String body = echo.body();
        assertTrue(body, body.contains("\"json\":{\"n\":[1,2]}"));
        assertTrue(body, body.contains("\"x-trace\":\"t1\""));
        assertTrue(body, body.contains("\"query\":{\"x\":\"1,2\"}"));
        assertTrue(body, body.contains("\"rest\":\"a/b\""));
    }
}
