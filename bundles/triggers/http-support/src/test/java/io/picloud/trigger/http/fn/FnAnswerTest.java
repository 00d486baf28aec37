package io.picloud.trigger.http.fn;

import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ScriptProblem;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

public class FnAnswerTest {

    private static FnAnswer ok(Object value) {
        return FnAnswer.of(new ExecutionOutcome(value, null, false, List.of(), 1, 1), 2);
    }

    private static FnAnswer failed(ScriptProblem problem, boolean limit) {
        return FnAnswer.of(new ExecutionOutcome(null, problem, limit, List.of(), 1, 1), 2);
    }

    private static String body(FnAnswer a) {
        return new String(a.body(), StandardCharsets.UTF_8);
    }

    @Test
    public void stringIsPlainText() {
        FnAnswer a = ok("Hello, wörld");
        assertEquals(200, a.status());
        assertEquals("text/plain; charset=utf-8", a.contentType());
        assertEquals("Hello, wörld", body(a));
    }

    @Test
    public void mapAndArrayAreJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1L);
        m.put("b", Arrays.asList(1.5, true, null, "x"));
        m.put("status", "fine"); // not a number: plain data, not a response map
        FnAnswer a = ok(m);
        assertEquals(200, a.status());
        assertEquals("application/json", a.contentType());
        assertEquals("{\"a\":1,\"b\":[1.5,true,null,\"x\"],\"status\":\"fine\"}", body(a));
        assertEquals("[1,2]", body(ok(List.of(1L, 2L))));
    }

    @Test
    public void scalarsAndBlobsInsideJson() {
        assertEquals("[[0,255,16]]", body(ok(List.of(new byte[]{0, (byte) 255, 16}))));
        assertEquals("[\"c\",\"1970-01-01T00:00:00Z\",null]",
                body(ok(Arrays.asList('c', Instant.EPOCH, Double.NaN))));
        assertEquals("42", body(ok(42L)));
        assertEquals("application/json", ok(42L).contentType());
        assertEquals("true", body(ok(true)));
    }

    @Test
    public void unitIs204WithoutBody() {
        FnAnswer a = ok(null);
        assertEquals(204, a.status());
        assertNull(a.contentType());
        assertEquals(0, a.body().length);
    }

    @Test
    public void blobIsOctetStream() {
        FnAnswer a = ok(new byte[]{1, 2, 3});
        assertEquals("application/octet-stream", a.contentType());
        assertEquals(3, a.body().length);
    }

    @Test
    public void responseMapIsExactlyThat() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("status", 201L);
        r.put("headers", Map.of("X-Id", 7L, "Content-Type", "text/csv"));
        r.put("body", "a,b\n");
        FnAnswer a = ok(r);
        assertEquals(201, a.status());
        assertEquals("text/csv", a.contentType());
        assertEquals(Map.of("X-Id", "7"), a.headers());
        assertEquals("a,b\n", body(a));
    }

    @Test
    public void responseMapBodyDefaults() {
        assertEquals("text/plain; charset=utf-8", ok(Map.of("status", 200L, "body", "x")).contentType());
        FnAnswer json = ok(Map.of("status", 400L, "body", Map.of("why", "bad")));
        assertEquals(400, json.status());
        assertEquals("application/json", json.contentType());
        assertEquals("{\"why\":\"bad\"}", body(json));
        FnAnswer empty = ok(Map.of("status", 302L, "headers", Map.of("Location", "/fn/other")));
        assertEquals(302, empty.status());
        assertEquals("/fn/other", empty.headers().get("Location"));
        assertEquals(0, empty.body().length);
    }

    @Test
    public void badStatusIsAScriptError() {
        FnAnswer a = ok(Map.of("status", 42L));
        assertEquals(500, a.status());
        assertTrue(body(a).contains("\"kind\":\"ErrorResponse\""));
        assertEquals(500, ok(Map.of("status", 200.5)).status());
    }

    @Test
    public void scriptErrorIs500WithKindAndPosition() {
        FnAnswer a = failed(new ScriptProblem("ErrorArithmetic", "Division by zero: 1 / 0", 3, 9), false);
        assertEquals(500, a.status());
        assertEquals("application/json", a.contentType());
        assertEquals("{\"error\":{\"kind\":\"ErrorArithmetic\",\"message\":\"Division by zero: 1 / 0\","
                + "\"line\":3,\"column\":9}}", body(a));
        assertFalse(body(a).contains("at io."));
    }

    @Test
    public void limitsAre508Or504AndConcurrencyIs503WithRetryAfter() {
        assertEquals(508, failed(new ScriptProblem("ErrorTooManyOperations", "operations limit (max 10) exceeded", 2, 1), true).status());
        assertEquals(508, failed(new ScriptProblem("ErrorStackOverflow", "call depth", 1, 1), true).status());
        assertEquals(504, failed(new ScriptProblem("ErrorTerminated", "timeout limit (5000 ms) exceeded", 1, 1), true).status());
        FnAnswer busy = failed(new ScriptProblem("ErrorConcurrencyLimit", "busy", 0, 0), true);
        assertEquals(503, busy.status());
        assertEquals("2", busy.headers().get("Retry-After"));
        assertTrue(body(busy).contains("ErrorConcurrencyLimit"));
    }

    @Test
    public void endpointErrorsUseCodeAndMessage() {
        assertEquals("{\"error\":{\"code\":\"not_found\",\"message\":\"no script named 'x'\"}}",
                body(FnAnswer.notFound("x")));
        assertEquals(404, FnAnswer.notFound("x").status());
        assertEquals(413, FnAnswer.tooLarge(10).status());
        assertTrue(body(FnAnswer.tooLarge(10)).contains("payload_too_large"));
        assertEquals("2", FnAnswer.unavailable(2).headers().get("Retry-After"));
    }
}
