package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.Before;
import org.junit.Test;

/**
 * The dashboard's live endpoints in the real distribution: the SSE live tail fed by PostgreSQL's notification
 * (opened with a real streaming client, by API key and by session cookie), invocation ids and one run by id, the
 * filters, "try it" (the answer /fn would send, recorded with trigger {@code test}), who may do what, and the
 * bound on open streams.
 */
public class LiveTailIT extends PicloudTestSupport {
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final Duration EVENT = Duration.ofSeconds(30);

    @Before
    public void platformUp() throws Exception {
        awaitReady();
        await("the /fn endpoint", BOOT, () -> get("/fn/no-such-script").statusCode() == 404);
    }

    @Test(timeout = 180_000)
    public void aRunArrivesOnTheTailWithItsIdAndIsReadBackById() throws Exception {
        deploy("tail-hello", "print(\"seen \" + request.path);\n\"hi\"");
        try (EventStream tail = open("/api/v1/invocations/stream?script=tail-hello", "Authorization",
                "Bearer " + ownerApiKey())) {
            assertEquals(200, tail.status);
            assertEquals("hi", get("/fn/tail-hello/x").body());
            String[] event = tail.nextEvent();
            assertTrue(event[0], event[0].matches("\\d+\\.\\d+"));
            assertEquals(event[0], jsonField(event[1], "id"));
            assertEquals("tail-hello", jsonField(event[1], "script"));
            assertEquals("http", jsonField(event[1], "trigger"));
            assertTrue(event[1], event[1].contains("seen /fn/tail-hello/x"));

            HttpResponse<String> one = api("/api/v1/invocations/" + event[0]);
            assertEquals(one.body(), 200, one.statusCode());
            assertEquals(event[0], jsonField(one.body(), "id"));
            assertEquals("ok", jsonField(one.body(), "status"));
        }
        assertEquals(404, api("/api/v1/invocations/99999999.1").statusCode());
    }

    @Test(timeout = 180_000)
    public void filtersAndTheErrorsPosition() throws Exception {
        deploy("tail-fail", "let a = 1;\nlet b = a / 0;\nb");
        assertEquals(500, get("/fn/tail-fail").statusCode());
        await("the failed run in the log", EVENT, () ->
                api("/api/v1/invocations?script=tail-fail&status=error").body().contains("\"tail-fail\""));
        String failed = api("/api/v1/invocations?script=tail-fail&status=error&trigger=http").body();
        assertEquals("2", jsonField(failed, "line"));
        assertTrue(failed, Integer.parseInt(jsonField(failed, "column")) > 0);
        assertEquals("ErrorArithmetic", jsonField(failed, "errorKind"));
        assertFalse(api("/api/v1/invocations?script=tail-fail&status=ok").body().contains("\"tail-fail\""));
        assertFalse(api("/api/v1/invocations?script=tail-fail&since=2999-01-01T00:00:00Z").body()
                .contains("\"tail-fail\""));
        assertTrue(api("/api/v1/scripts/tail-fail/invocations?trigger=http").body().contains("\"line\":2"));
        assertEquals(400, api("/api/v1/invocations?status=nope").statusCode());
    }

    @Test(timeout = 180_000)
    public void tryItAnswersAsFnWouldAndIsRecordedAsATest() throws Exception {
        deploy("tail-try", "fn handle(r) {\n  print(\"method \" + r.method);\n  #{ got: r.json.n, q: r.query.a,"
                + " rest: r.params.rest, h: r.headers[\"x-k\"] }\n}");
        HttpResponse<String> r = call("POST", "/api/v1/scripts/tail-try/test", JSON, "{\"method\":\"POST\","
                + "\"path\":\"/a/b\",\"query\":\"a=1\",\"headers\":{\"X-K\":\"v\",\"Content-Type\":"
                + "\"application/json\"},\"body\":\"{\\\"n\\\":5}\"}");
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals("200", jsonField(r.body(), "status"));
        assertEquals("application/json", jsonField(r.body(), "contentType"));
        String body = jsonField(r.body(), "body");
        assertTrue(body, body.contains("\\\"got\\\":5") && body.contains("\\\"rest\\\":\\\"a/b\\\"")
                && body.contains("\\\"h\\\":\\\"v\\\"") && body.contains("\\\"q\\\":\\\"1\\\""));
        assertTrue(r.body(), r.body().contains("\"output\":[\"method POST\"]"));
        assertTrue(r.body(), Long.parseLong(jsonField(r.body(), "operations")) > 0);
        assertEquals("1", jsonField(r.body(), "version"));
        assertTrue(r.body(), r.body().contains("\"error\":null"));
        await("the test run in the log", EVENT, () ->
                api("/api/v1/invocations?script=tail-try&trigger=test").body().contains("\"method POST\""));

        deploy("tail-try-err", "let x = 1;\nx / 0");
        HttpResponse<String> failed = call("POST", "/api/v1/scripts/tail-try-err/test", JSON, "{}");
        assertEquals(200, failed.statusCode());
        assertEquals("500", jsonField(failed.body(), "status"));
        assertEquals("ErrorArithmetic", jsonField(failed.body(), "kind"));
        assertEquals("2", jsonField(failed.body(), "line"));
    }

    @Test(timeout = 180_000)
    public void aViewerMayNotTryAndTailsBySessionCookie() throws Exception {
        deploy("tail-viewed", "\"v\"");
        TestUser viewer = createUser("viewer");
        assertEquals(403, callWith(viewer.key(), "POST", "/api/v1/scripts/tail-viewed/test", JSON, "{}")
                .statusCode());
        HttpResponse<String> key = call("POST", "/api/v1/keys", JSON,
                "{\"name\":\"invoke-only\",\"scripts\":[\"tail-viewed\"]}");
        assertEquals(key.body(), 201, key.statusCode());
        try (EventStream refused = open("/api/v1/invocations/stream", "Authorization",
                "Bearer " + jsonField(key.body(), "key"))) {
            assertEquals("an invoke-only key reads no script", 403, refused.status);
        }
        TestSession session = login(viewer.username(), viewer.password());
        try (EventStream tail = open("/api/v1/invocations/stream", "Cookie", session.cookie())) {
            assertEquals(200, tail.status);
            assertEquals("v", get("/fn/tail-viewed").body());
            assertEquals("tail-viewed", jsonField(tail.nextEvent("tail-viewed")[1], "script"));
        }
    }

    @Test(timeout = 240_000)
    public void theThirtyThirdStreamIs429() throws Exception {
        deploy("tail-limit", "1");
        List<EventStream> open = new ArrayList<>();
        try {
            EventStream next = null;
            for (int i = 0; i < 40; i++) {
                next = open("/api/v1/invocations/stream?script=tail-limit", "Authorization",
                        "Bearer " + ownerApiKey());
                if (next.status != 200) {
                    break;
                }
                open.add(next);
            }
            assertEquals(429, next.status);
            assertTrue(next.retryAfter);
            next.close();
            // other tests' streams may still be open on the server until a write tells it their client left
            assertTrue("at most 32 open, got " + open.size(), open.size() <= 32 && open.size() >= 28);
        } finally {
            open.forEach(EventStream::close);
        }
        // the server learns that the clients left when it writes to them: two runs, two writes each
        for (int i = 0; i < 3; i++) {
            get("/fn/tail-limit");
            Thread.sleep(300);
        }
        await("a place free again", EVENT, () -> {
            try (EventStream t = open("/api/v1/invocations/stream?script=tail-limit", "Authorization",
                    "Bearer " + ownerApiKey())) {
                return t.status == 200;
            }
        });
    }

    private void deploy(String name, String source) throws Exception {
        HttpResponse<String> r = call("PUT", "/api/v1/scripts/" + name, "text/plain; charset=utf-8", source);
        assertTrue(r.statusCode() + " " + r.body(), r.statusCode() == 201 || r.statusCode() == 200);
    }

    private HttpResponse<String> api(String path) throws Exception {
        return send(authorized(path).GET().build());
    }

    private EventStream open(String path, String header, String value) throws Exception {
        return EventStream.open(uri(path), header, value);
    }
}
