package io.picloud.http.script;

import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ScriptProblem;
import io.picloud.trigger.api.TriggerResult;
import org.junit.After;
import org.junit.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * The one script-to-HTTP mapping over every value shape and every error, through both inputs it has: a run's
 * {@link ExecutionOutcome} ({@code /fn}, try-it) and a fired binding's {@link TriggerResult} (routes, webhooks),
 * which must answer the same.
 */
public class ScriptAnswerTest {
    private final LogLimiter original = ScriptAnswer.tooDeepLog;

    @After
    public void restoreLog() {
        ScriptAnswer.tooDeepLog = original;
    }

    /** The answer to {@code value}, checked to be the same from /fn's outcome and from a trigger's result. */
    private static ScriptAnswer ok(Object value) {
        ScriptAnswer fn = ScriptAnswer.of(new ExecutionOutcome(value, null, false, List.of(), 1, 1), 2, "s");
        ScriptAnswer trigger = ScriptAnswer.of(TriggerResult.ok(value), 2, "s");
        assertSame(fn, trigger);
        return fn;
    }

    /** The answer to a failed run, the same from /fn's outcome and from a trigger's result. */
    private static ScriptAnswer failed(ScriptProblem p, boolean limit) {
        ScriptAnswer fn = ScriptAnswer.of(new ExecutionOutcome(null, p, limit, List.of(), 1, 1), 2, "s");
        ScriptAnswer trigger = ScriptAnswer.of(TriggerResult.error(p.kind(), p.message(), p.line(), p.column()), 2,
                "s");
        assertSame(fn, trigger);
        return fn;
    }

    private static void assertSame(ScriptAnswer a, ScriptAnswer b) {
        assertEquals(a.status(), b.status());
        assertEquals(a.contentType(), b.contentType());
        assertEquals(a.headers(), b.headers());
        assertArrayEquals(a.body(), b.body());
    }

    @Test
    public void stringIsPlainText() {
        ScriptAnswer a = ok("Hello, wörld");
        assertEquals(200, a.status());
        assertEquals("text/plain; charset=utf-8", a.contentType());
        assertEquals("Hello, wörld", a.text());
    }

    @Test
    public void mapAndArrayAreJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1L);
        m.put("b", Arrays.asList(1.5, true, null, "x"));
        m.put("status", "fine"); // not a number: plain data, not a response map
        ScriptAnswer a = ok(m);
        assertEquals(200, a.status());
        assertEquals("application/json", a.contentType());
        assertEquals("{\"a\":1,\"b\":[1.5,true,null,\"x\"],\"status\":\"fine\"}", a.text());
        assertEquals("[1,2]", ok(List.of(1L, 2L)).text());
    }

    @Test
    public void scalarsAreJsonAndBlobsInsideJsonAreArrays() {
        assertEquals("[[0,255,16]]", ok(List.of(new byte[]{0, (byte) 255, 16})).text());
        assertEquals("[\"c\",\"1970-01-01T00:00:00Z\",null]", ok(Arrays.asList('c', Instant.EPOCH, Double.NaN)).text());
        assertEquals("42", ok(42L).text());
        assertEquals("application/json", ok(42L).contentType());
        assertEquals("true", ok(true).text());
        assertEquals("1.5", ok(1.5).text());
    }

    @Test
    public void unitIs204WithoutBody() {
        ScriptAnswer a = ok(null);
        assertEquals(204, a.status());
        assertNull(a.contentType());
        assertEquals(0, a.body().length);
    }

    @Test
    public void blobIsItsBytesNotItsJavaName() {
        byte[] blob = {0, 1, (byte) 0xff};
        ScriptAnswer a = ok(blob);
        assertEquals(200, a.status());
        assertEquals("application/octet-stream", a.contentType());
        assertArrayEquals(blob, a.body());
        ScriptAnswer png = ok(Map.of("status", 200L, "headers", Map.of("Content-Type", "image/png"), "body", blob));
        assertEquals("image/png", png.contentType());
        assertArrayEquals(blob, png.body());
        assertEquals("application/octet-stream", ok(Map.of("status", 201L, "body", blob)).contentType());
    }

    @Test
    public void responseMapIsExactlyThat() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", 201L);
        r.put("headers", Map.of("X-Id", 7L, "Content-Type", "text/csv", "Content-Length", "99"));
        r.put("body", "a,b\n");
        ScriptAnswer a = ok(r);
        assertEquals(201, a.status());
        assertEquals("text/csv", a.contentType());
        assertEquals(Map.of("X-Id", "7"), a.headers()); // Content-Type is the type, Content-Length the server's
        assertEquals("a,b\n", a.text());
    }

    @Test
    public void responseMapBodyDefaults() {
        assertEquals("text/plain; charset=utf-8", ok(Map.of("status", 200L, "body", "x")).contentType());
        ScriptAnswer json = ok(Map.of("status", 400L, "body", Map.of("why", "bad")));
        assertEquals(400, json.status());
        assertEquals("application/json", json.contentType());
        assertEquals("{\"why\":\"bad\"}", json.text());
        ScriptAnswer empty = ok(Map.of("status", 302L, "headers", Map.of("Location", "/fn/other")));
        assertEquals(302, empty.status());
        assertNull(empty.contentType());
        assertEquals("/fn/other", empty.headers().get("Location"));
        assertEquals(0, empty.body().length);
    }

    @Test
    public void badStatusIsAScriptError() {
        ScriptAnswer a = ok(Map.of("status", 42L));
        assertEquals(500, a.status());
        assertTrue(a.text().contains("\"kind\":\"ErrorResponse\""));
        assertEquals(500, ok(Map.of("status", 200.5)).status());
        assertEquals(500, ok(Map.of("status", 600L)).status());
    }

    @Test
    public void scriptErrorIs500WithKindAndPosition() {
        ScriptAnswer a = failed(new ScriptProblem("ErrorArithmetic", "Division by zero: 1 / 0", 3, 9), false);
        assertEquals(500, a.status());
        assertEquals("application/json", a.contentType());
        assertEquals("{\"error\":{\"kind\":\"ErrorArithmetic\",\"message\":\"Division by zero: 1 / 0\","
                + "\"line\":3,\"column\":9}}", a.text());
    }

    @Test
    public void limitsAre508Or504AndConcurrencyIs503WithRetryAfter() {
        assertEquals(508, failed(new ScriptProblem("ErrorTooManyOperations", "operations limit", 2, 1), true).status());
        assertEquals(508, failed(new ScriptProblem("ErrorStackOverflow", "call depth", 1, 1), true).status());
        assertEquals(508, failed(new ScriptProblem("ErrorDataTooLarge", "array too large", 1, 1), true).status());
        assertEquals(504, failed(new ScriptProblem("ErrorTerminated", "timeout limit", 1, 1), true).status());
        ScriptAnswer busy = failed(new ScriptProblem("ErrorConcurrencyLimit", "busy", 0, 0), true);
        assertEquals(503, busy.status());
        assertEquals("2", busy.headers().get("Retry-After"));
        assertTrue(busy.text().contains("\"kind\":\"ErrorConcurrencyLimit\""));
    }

    @Test
    public void aValueNestedTooDeeplyIsA500JsonErrorLoggedOnceAMinutePerScript() {
        AtomicLong now = new AtomicLong();
        LogLimiter log = new LogLimiter(now::get, TimeUnit.MINUTES.toNanos(1), 10);
        ScriptAnswer.tooDeepLog = log;
        Object deep = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) { // a script doing `a = [a]` 10,000 times
            List<Object> outer = new ArrayList<>();
            outer.add(deep);
            deep = outer;
        }
        ScriptAnswer a = ok(deep);
        assertEquals(500, a.status());
        assertEquals("application/json", a.contentType());
        assertTrue(a.text(), a.text().startsWith("{\"error\":{\"kind\":\"ErrorDataTooLarge\",\"message\":\""));
        assertFalse(a.text().contains("Exception"));
        assertEquals(500, ok(Map.of("status", 200L, "body", deep)).status());
        // answered twice, from two inputs each: one log line, the others within the minute are dropped
        assertFalse(log.allow("s"));
        assertTrue(log.allow("other"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(61));
        assertTrue(log.allow("s"));
        // 1000 levels still go
        Object fine = "x";
        for (int i = 0; i < 999; i++) {
            fine = List.of(fine);
        }
        assertEquals(200, ok(fine).status());
    }

    @Test
    public void theLogLimiterForgetsWhenFull() {
        LogLimiter log = new LogLimiter(() -> 0, 1, 2);
        assertTrue(log.allow("a"));
        assertTrue(log.allow("b"));
        assertFalse(log.allow("a"));
        assertTrue(log.allow("c")); // full: forgets a and b
        assertTrue(log.allow("a"));
    }

    @Test
    public void platformKindsOfATriggerResult() {
        ScriptAnswer missing = ScriptAnswer.of(TriggerResult.error(TriggerResult.SCRIPT_NOT_FOUND, "gone", 0, 0), 5, "b");
        assertEquals(404, missing.status());
        assertEquals("{\"error\":{\"code\":\"script_not_found\",\"message\":\"gone\"}}", missing.text());
        ScriptAnswer away = ScriptAnswer.of(TriggerResult.error(TriggerResult.UNAVAILABLE, "stopping", 0, 0), 5, "b");
        assertEquals(503, away.status());
        assertEquals("5", away.headers().get("Retry-After"));
        ScriptAnswer limited = ScriptAnswer.of(TriggerResult.rateLimited("slow down", 12), 5, "b");
        assertEquals(429, limited.status());
        assertEquals("12", limited.headers().get("Retry-After"));
        assertEquals("{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}", limited.text());
        assertEquals("1", ScriptAnswer.of(TriggerResult.rateLimited("x", 0), 5, "b").headers().get("Retry-After"));
    }

    @Test
    public void anAnswerNamingItsRunCarriesTheInvocationHeader() {
        ScriptAnswer a = ScriptAnswer.of(TriggerResult.ok(Map.of("status", 201L, "headers", Map.of("X-A", "1")))
                .withInvocation("kq8d2x1c-0123456789"), 5, "b");
        assertEquals(201, a.status());
        assertEquals("1", a.headers().get("X-A"));
        assertEquals("kq8d2x1c-0123456789", a.headers().get(ScriptAnswer.INVOCATION_HEADER));
        ScriptAnswer failed = ScriptAnswer.of(TriggerResult.error("ErrorRuntime", "no", 1, 2).withInvocation("r-1"),
                5, "b");
        assertEquals("r-1", failed.headers().get(ScriptAnswer.INVOCATION_HEADER));
        assertNull(ok("x").headers().get(ScriptAnswer.INVOCATION_HEADER));
        assertEquals("r-2", ok("x").withInvocation("r-2").headers().get(ScriptAnswer.INVOCATION_HEADER));
    }

    @Test
    public void endpointErrorsUseCodeAndMessage() {
        assertEquals("{\"error\":{\"code\":\"not_found\",\"message\":\"no script named 'x'\"}}",
                ScriptAnswer.notFound("x").text());
        assertEquals(404, ScriptAnswer.notFound("x").status());
        assertEquals(413, ScriptAnswer.tooLarge(10).status());
        assertTrue(ScriptAnswer.tooLarge(10).text().contains("\"code\":\"payload_too_large\""));
        assertEquals("2", ScriptAnswer.unavailable("later", 2).headers().get("Retry-After"));
        ScriptAnswer notAllowed = ScriptAnswer.failure(405, "method_not_allowed", "POST only", Map.of("Allow", "POST"));
        assertEquals("{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"POST only\"}}", notAllowed.text());
        assertEquals("POST", notAllowed.headers().get("Allow"));
        ScriptAnswer unauthenticated = ScriptAnswer.denied(true, "script 'x'");
        assertEquals(401, unauthenticated.status());
        assertEquals("Bearer realm=\"picloud\"", unauthenticated.headers().get("WWW-Authenticate"));
        assertEquals(403, ScriptAnswer.denied(false, "script 'x'").status());
        ScriptAnswer limited = ScriptAnswer.rateLimited("x", 3);
        assertEquals(429, limited.status());
        assertEquals("3", limited.headers().get("Retry-After"));
    }
}
