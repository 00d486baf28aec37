package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.api.InvocationRecord;
import io.picloud.api.Role;
import io.picloud.http.server.impl.TestHttpServer;
import io.picloud.manager.impl.ControlPlane;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@code GET /invocations/stream} on the real HTTP server with a real streaming client. */
public class LiveTailTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ControlPlane cp;
    private static TestHttpServer server;
    private static String viewer;

    @BeforeClass
    public static void start() throws Exception {
        cp = new ControlPlane();
        viewer = cp.key(cp.user("vera", Role.VIEWER, null));
        server = TestHttpServer.serving("/api/v1", cp.endpoint(Map.of(), 300)); // keep-alive every 300 ms
    }

    @AfterClass
    public static void stop() throws Exception {
        server.close();
        cp.close();
    }

    @After
    public void allClosed() throws Exception {
        for (int i = 0; i < 100 && cp.liveTails() > 0; i++) {
            Thread.sleep(50);
        }
        assertEquals("every watch closed with its stream", 0, cp.liveTails());
        cp.maxLiveTails(32);
    }

    @Test
    public void newRunsArriveAsEventsWithTheirIdAndKeepAlivesBetween() throws Exception {
        HttpResponse<InputStream> r = open("", viewer);
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("content-type").orElseThrow());
        assertEquals("no-cache", r.headers().firstValue("cache-control").orElseThrow());
        assertEquals("no", r.headers().firstValue("x-accel-buffering").orElseThrow());
        try (BufferedReader in = reader(r)) {
            assertEquals(": keep-alive", in.readLine());
            assertEquals("", in.readLine());
            cp.invocations.record(run("tail-a"));
            JsonNode event = nextEvent(in);
            assertEquals("tail-a", event.get("script").asText());
            JsonNode stored = Json.MAPPER.readTree(api("/invocations/" + event.get("id").asText()).body());
            assertEquals(stored, event);
        }
    }

    @Test
    public void theScriptFilterKeepsOtherScriptsOut() throws Exception {
        cp.scriptStore.deploy("tail-b", "1", cp.owner().id(), "test", true);
        try (BufferedReader in = reader(open("?script=tail-b", ControlPlane.OWNER_KEY))) {
            cp.invocations.record(run("tail-other"));
            Thread.sleep(200); // its own batch, before the next one
            cp.invocations.record(run("tail-b"));
            assertEquals("tail-b", nextEvent(in).get("script").asText());
        }
    }

    @Test
    public void aClientComingBackWithLastEventIdGetsTheRunsItMissedFirst() throws Exception {
        cp.scriptStore.deploy("tail-c", "1", cp.owner().id(), "test", true);
        long before = cp.invocations.written();
        cp.invocations.record(run("tail-c"));
        Thread.sleep(100); // two batches
        cp.invocations.record(run("tail-c"));
        for (int i = 0; i < 200 && cp.invocations.written() < before + 2; i++) {
            Thread.sleep(25);
        }
        JsonNode runs = Json.MAPPER.readTree(api("/invocations?script=tail-c").body()).get("invocations");
        String older = runs.get(1).get("id").asText();
        String newer = runs.get(0).get("id").asText();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base()
                + "/api/v1/invocations/stream?script=tail-c")).header("Authorization", "Bearer " + viewer)
                .header("Last-Event-ID", older).build();
        try (BufferedReader in = reader(HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()))) {
            assertEquals(newer, nextEvent(in).get("id").asText());
            cp.invocations.record(run("tail-c"));
            String live = nextEvent(in).get("id").asText();
            assertTrue(live + " after " + newer, io.picloud.api.InvocationId.parse(live)
                    .compareTo(io.picloud.api.InvocationId.parse(newer)) > 0);
        }
    }

    @Test
    public void beyondTheLimitIs429AndAClosedClientFreesItsPlace() throws Exception {
        cp.maxLiveTails(1);
        HttpResponse<InputStream> first = open("", viewer);
        HttpResponse<InputStream> second = open("", viewer);
        assertEquals(429, second.statusCode());
        assertTrue(second.headers().firstValue("retry-after").isPresent());
        assertTrue(new String(second.body().readAllBytes(), StandardCharsets.UTF_8).contains("too_many_streams"));
        first.body().close(); // noticed at the next keep-alive at the latest
        for (int i = 0; i < 100 && cp.liveTails() > 0; i++) {
            Thread.sleep(50);
        }
        HttpResponse<InputStream> third = open("", viewer);
        assertEquals(200, third.statusCode());
        third.body().close();
    }

    @Test
    public void refusalsAreOrdinaryJsonAnswers() throws Exception {
        assertEquals(401, open("", null).statusCode());
        assertEquals(404, open("?script=tail-no-such", viewer).statusCode());
        assertEquals("a name no script can have", 404, open("?script=Bad!", viewer).statusCode());
    }

    private static JsonNode nextEvent(BufferedReader in) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String id = null;
        while (System.nanoTime() < end) {
            String line = in.readLine();
            if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                assertEquals("event: invocation", line);
            } else if (line.startsWith("data: ")) {
                JsonNode data = Json.MAPPER.readTree(line.substring(6));
                assertEquals(id, data.get("id").asText());
                return data;
            }
        }
        throw new AssertionError("no event");
    }

    private static HttpResponse<InputStream> open(String query, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/invocations/stream"
                + query));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static HttpResponse<String> api(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1" + path))
                .header("Authorization", "Bearer " + viewer).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static BufferedReader reader(HttpResponse<InputStream> r) {
        return new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    }

    private static InvocationRecord run(String script) {
        return new InvocationRecord(script, 1, "http", Instant.now(), 10, "error", "ErrorArithmetic",
                "Division by zero", List.of("out"), 4, null, 2, 7, null);
    }
}
