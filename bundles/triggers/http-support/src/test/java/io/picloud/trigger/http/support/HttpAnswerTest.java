package io.picloud.trigger.http.support;

import io.picloud.trigger.api.TriggerResult;
import org.junit.Test;

import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;

/** Script results as HTTP answers (DESIGN.md §3, like /fn), JSON errors, and the query map. */
public class HttpAnswerTest {
    @Test
    public void answersMapToHttpLikeFn() {
        HttpAnswer text = HttpAnswer.of(TriggerResult.ok("hi"));
        assertEquals(200, text.status());
        assertEquals("text/plain; charset=utf-8", text.contentType());
        HttpAnswer json = HttpAnswer.of(TriggerResult.ok(List.of(1L, 2L)));
        assertEquals("application/json", json.contentType());
        assertEquals("[1,2]", json.body());
        HttpAnswer none = HttpAnswer.of(TriggerResult.ok(null));
        assertEquals(204, none.status());
        assertNull(none.body());
        HttpAnswer custom = HttpAnswer.of(TriggerResult.ok(Map.of("status", 201L,
                "headers", Map.of("x-id", "9"), "body", Map.of("id", 9L))));
        assertEquals(201, custom.status());
        assertEquals("9", custom.headers().get("x-id"));
        assertEquals("application/json", custom.contentType());
        assertEquals("{\"id\":9}", custom.body());
        HttpAnswer error = HttpAnswer.of(TriggerResult.error("ErrorArithmetic", "Division by zero", 3, 9));
        assertEquals(500, error.status());
        assertEquals("{\"error\":{\"kind\":\"ErrorArithmetic\",\"message\":\"Division by zero\",\"line\":3,"
                + "\"column\":9}}", error.body());
        assertEquals(404, HttpAnswer.of(TriggerResult.error(TriggerResult.SCRIPT_NOT_FOUND, "gone", 0, 0)).status());
        HttpAnswer unavailable = HttpAnswer.of(TriggerResult.error(TriggerResult.UNAVAILABLE, "stopping", 0, 0));
        assertEquals(503, unavailable.status());
        assertEquals(HttpAnswer.RETRY_AFTER_SECONDS, unavailable.headers().get("Retry-After"));
    }

    @Test
    public void aBlobIsAnsweredAsItsBytesNotItsJavaName() {
        byte[] blob = {0, 1, (byte) 0xff};
        HttpAnswer plain = HttpAnswer.of(TriggerResult.ok(blob));
        assertEquals(200, plain.status());
        assertEquals("application/octet-stream", plain.contentType());
        org.junit.Assert.assertArrayEquals(blob, plain.bytes());
        HttpAnswer png = HttpAnswer.of(TriggerResult.ok(Map.of("status", 200L,
                "headers", Map.of("Content-Type", "image/png"), "body", blob)));
        assertEquals("image/png", png.contentType());
        org.junit.Assert.assertArrayEquals(blob, png.bytes());
    }

    @Test
    public void aScriptsOwnContentTypeWinsAndIsNotAHeader() {
        HttpAnswer xml = HttpAnswer.of(TriggerResult.ok(Map.of("status", 200L,
                "headers", Map.of("Content-Type", "application/xml", "Content-Length", "99"), "body", "<a/>")));
        assertEquals("application/xml", xml.contentType());
        assertEquals("<a/>", xml.body());
        assertFalse(xml.headers().containsKey("Content-Type"));
        assertFalse(xml.headers().containsKey("Content-Length"));
        HttpAnswer redirect = HttpAnswer.of(TriggerResult.ok(Map.of("status", 302L,
                "headers", Map.of("location", "/x"))));
        assertEquals(302, redirect.status());
        assertNull(redirect.contentType());
        assertEquals("/x", redirect.headers().get("location"));
        // out of range: the map is the value, sent as JSON
        assertEquals(200, HttpAnswer.of(TriggerResult.ok(Map.of("status", 42L))).status());
    }

    @Test
    public void errorsAreJsonAndEvery503SaysWhenToRetry() {
        HttpAnswer notAllowed = HttpAnswer.error(405, "method_not_allowed", "POST only", Map.of("Allow", "POST"));
        assertEquals("{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"POST only\"}}", notAllowed.body());
        assertEquals("POST", notAllowed.headers().get("Allow"));
        assertNull(notAllowed.headers().get("Retry-After"));
        assertEquals(HttpAnswer.RETRY_AFTER_SECONDS, HttpAnswer.error(503, "unavailable", "later").headers()
                .get("Retry-After"));
    }

    @Test
    public void queryStringsBecomeDecodedMaps() {
        assertEquals(Map.of(), HttpTriggers.query(null));
        assertEquals(Map.of("a", "1,2", "b", "", "c d", "é"), HttpTriggers.query("a=1&b&a=2&c+d=%C3%A9&&=x"));
        assertEquals(Map.of("bad", "%zz"), HttpTriggers.query("bad=%zz"));
    }

    @Test
    public void aResultNamingItsRunCarriesTheInvocationHeader() {
        HttpAnswer a = HttpAnswer.of(TriggerResult.ok(Map.of("status", 201L, "headers", Map.of("X-A", "1")))
                .withInvocation("kq8d2x1c-0123456789"));
        assertEquals(201, a.status());
        assertEquals("1", a.headers().get("X-A"));
        assertEquals("kq8d2x1c-0123456789", a.headers().get(HttpAnswer.INVOCATION_HEADER));
        HttpAnswer failed = HttpAnswer.of(TriggerResult.error("ErrorRuntime", "no", 1, 2).withInvocation("r-1"));
        assertEquals("r-1", failed.headers().get(HttpAnswer.INVOCATION_HEADER));
        assertNull(HttpAnswer.of(TriggerResult.ok("x")).headers().get(HttpAnswer.INVOCATION_HEADER));
    }
}
