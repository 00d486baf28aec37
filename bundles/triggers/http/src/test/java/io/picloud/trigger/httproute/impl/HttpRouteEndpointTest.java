package io.picloud.trigger.httproute.impl;

import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerResult;
import io.picloud.http.script.HttpTriggers;
import io.picloud.http.server.impl.TestHttpServer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** The endpoint over real HTTP, on PiCloud's HTTP server, outside Karaf. */
public class HttpRouteEndpointTest {
    private final HttpRouteTriggerType type = new HttpRouteTriggerType(HttpRouteTest.config(64));
    private final HttpClient client = HttpClient.newHttpClient();
    private TestHttpServer server;
    private String base;

    @Before
    public void start() throws Exception {
        server = TestHttpServer.serving("/r", type);
        base = server.base();
    }

    @After
    public void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test(timeout = 30_000)
    public void routesAnswerWithTheScriptsValue() throws Exception {
        HttpRouteTest.Recorder user = new HttpRouteTest.Recorder("user");
        user.answer = e -> TriggerResult.ok(Map.of("id", ((Map<?, ?>) e.attributes().get("params")).get("id")));
        HttpRouteTest.Recorder me = new HttpRouteTest.Recorder("me");
        HttpRouteTest.open(type, "b-user", "GET", "/users/{id}", user);
        HttpRouteTest.open(type, "b-me", "GET", "/users/me", me);

        HttpResponse<String> response = send("GET", "/r/users/42?verbose=1&verbose=2", null, "X-Trace", "t1");
        assertEquals(200, response.statusCode());
        assertEquals("{\"id\":\"42\"}", response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        TriggerEvent event = user.fired.get(0);
        assertEquals("/r/users/42", event.attributes().get("path"));
        assertEquals(Map.of("verbose", "1,2"), event.attributes().get("query"));
        assertEquals("t1", ((Map<?, ?>) event.attributes().get("headers")).get("x-trace"));

        HttpResponse<String> mine = send("GET", "/r/users/me", null);
        assertEquals(200, mine.statusCode());
        assertEquals("me", mine.body());
        assertTrue(mine.headers().firstValue("content-type").orElse("").startsWith("text/plain"));

        HttpResponse<String> encoded = send("GET", "/r/users/a%2Fb", null);
        assertEquals("{\"id\":\"a/b\"}", encoded.body());
    }

    @Test(timeout = 30_000)
    public void errorsAreJson() throws Exception {
        HttpRouteTest.Recorder failing = new HttpRouteTest.Recorder("x");
        failing.answer = e -> TriggerResult.error("ErrorArithmetic", "Division by zero", 2, 7);
        HttpRouteTest.open(type, "b", "POST", "/calc/{op}", failing);

        HttpResponse<String> missing = send("GET", "/r/nope", null);
        assertEquals(404, missing.statusCode());
        assertEquals("{\"error\":{\"code\":\"not_found\",\"message\":\"no route matches /r/nope\"}}",
                missing.body());
        HttpResponse<String> wrong = send("GET", "/r/calc/div", null);
        assertEquals(405, wrong.statusCode());
        assertEquals("POST", wrong.headers().firstValue("allow").orElse(""));
        HttpResponse<String> error = send("POST", "/r/calc/div", "{\"a\":1}", "Content-Type", "application/json");
        assertEquals(500, error.statusCode());
        assertEquals("{\"error\":{\"kind\":\"ErrorArithmetic\",\"message\":\"Division by zero\",\"line\":2,"
                + "\"column\":7}}", error.body());
        assertEquals(Map.of("a", 1L), failing.fired.get(0).attributes().get("json"));
        HttpResponse<String> tooLarge = send("POST", "/r/calc/div", "x".repeat(100));
        assertEquals(413, tooLarge.statusCode());
        assertEquals(1, failing.fired.size());
    }

    @Test(timeout = 30_000)
    public void aRequestInFlightCompletesWhenItsRouteCloses() throws Exception {
        CompletableFuture<TriggerResult> pending = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(1);
        TriggerCallback slow = new HttpRouteTest.Recorder("slow") {
            @Override
            public CompletionStage<TriggerResult> fire(TriggerEvent event) {
                started.countDown();
                return pending;
            }
        };
        TriggerHandle handle = HttpRouteTest.open(type, "b", "GET", "/slow", slow);
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/r/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(started.await(10, TimeUnit.SECONDS));
        handle.close();
        type.deactivate();
        pending.complete(TriggerResult.ok("done"));
        HttpResponse<String> response = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("done", response.body());

        HttpResponse<String> after = send("GET", "/r/slow", null);
        assertEquals(503, after.statusCode());
        assertEquals(String.valueOf(HttpTriggers.RETRY_AFTER_SECONDS), after.headers().firstValue("retry-after").orElse(""));
    }

    @Test(timeout = 30_000)
    public void aRouteWhoseScriptRunsInlineIsAnsweredOnTheIoThreadUnlessTheRequestHasABody() throws Exception {
        HttpRouteTest.Recorder quick = new HttpRouteTest.Recorder("quick");
        quick.inline = true;
        HttpRouteTest.open(type, "b-quick", "*", "/quick/{x}", quick);

        HttpResponse<String> get = send("GET", "/r/quick/1?a=b", null);
        assertEquals(200, get.statusCode());
        assertEquals("quick", get.body());
        assertEquals(1, quick.firedInline.size());
        assertEquals(Map.of("x", "1"), quick.firedInline.get(0).attributes().get("params"));
        assertEquals(Map.of("a", "b"), quick.firedInline.get(0).attributes().get("query"));
        assertEquals(0, quick.fired.size());

        assertEquals("quick", send("POST", "/r/quick/2", "{\"n\":1}", "Content-Type", "application/json").body());
        // a body is read on a worker, which runs a script that may run inline there: no second hand-off
        assertEquals(2, quick.firedInline.size());
        assertEquals(0, quick.fired.size());
        assertEquals(Map.of("n", 1L), quick.firedInline.get(1).payload());

        quick.inline = false;
        assertEquals("quick", send("GET", "/r/quick/3", null).body());
        assertEquals("mayFireInline false: fired, and no event built for the I/O thread", 2, quick.firedInline.size());
        assertEquals(1, quick.fired.size());
        assertEquals(404, send("GET", "/r/nothing", null).statusCode());
    }

    @Test(timeout = 30_000)
    public void aRouteAnswersABlobAsItsBytesAndLimitsAsOnFn() throws Exception {
        byte[] blob = {0, 1, (byte) 0xfe, (byte) 0xff, 'B', '@'};
        HttpRouteTest.Recorder bytes = new HttpRouteTest.Recorder("bytes");
        bytes.answer = e -> TriggerResult.ok(blob);
        HttpRouteTest.open(type, "b-blob", "GET", "/blob", bytes);
        HttpRouteTest.Recorder png = new HttpRouteTest.Recorder("png");
        png.answer = e -> TriggerResult.ok(Map.of("status", 201L, "headers", Map.of("Content-Type", "image/png"),
                "body", blob));
        HttpRouteTest.open(type, "b-png", "GET", "/png", png);
        HttpRouteTest.Recorder slow = new HttpRouteTest.Recorder("slow");
        slow.answer = e -> TriggerResult.error("ErrorTooManyOperations", "operations limit", 1, 1);
        HttpRouteTest.open(type, "b-ops", "GET", "/ops", slow);

        HttpResponse<byte[]> plain = client.send(HttpRequest.newBuilder(URI.create(base + "/r/blob")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, plain.statusCode());
        assertEquals("application/octet-stream", plain.headers().firstValue("content-type").orElse(""));
        assertArrayEquals(blob, plain.body());
        HttpResponse<byte[]> image = client.send(HttpRequest.newBuilder(URI.create(base + "/r/png")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(201, image.statusCode());
        assertEquals("image/png", image.headers().firstValue("content-type").orElse(""));
        assertArrayEquals(blob, image.body());
        HttpResponse<String> limit = send("GET", "/r/ops", null);
        assertEquals(508, limit.statusCode());
        assertEquals("{\"error\":{\"kind\":\"ErrorTooManyOperations\",\"message\":\"operations limit\",\"line\":1,"
                + "\"column\":1}}", limit.body());
    }
}
