package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.picloud.api.RetryPolicy;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.Test;

/** The retry policy and rate limit in {@code /scripts/{name}/settings}: bounds (422 naming the field), keep, clear. */
public class RestRetrySettingsTest extends RestTeam {
    private Reply put(String json) {
        return put("retry", json);
    }

    private Reply put(String script, String json) {
        return api.put("/scripts/" + script + "/settings").key(alice).json(json).send();
    }

    @Test
    public void aRetryPolicyAndRateLimitAreStoredKeptAndCleared() {
        assertEquals(201, api.put("/scripts/retry").key(alice).text("1").send().status());
        Reply none = api.get("/scripts/retry/settings").key(viewer).send();
        assertTrue(none.json().get("retry").isNull());
        assertTrue(none.json().get("rateLimit").isNull());

        Reply set = put("{\"retry\":{\"maxAttempts\":5,\"initialBackoffMillis\":200,\"maxBackoffMillis\":2000,"
                + "\"retryOn\":[\"runtime\",\"ErrorArithmetic\"]},\"rateLimit\":{\"perSecond\":2.5}}");
        assertEquals(set.toString(), 200, set.status());
        assertEquals(5, set.json().get("retry").get("maxAttempts").asInt());
        assertEquals("[\"runtime\",\"ErrorArithmetic\"]", set.json().get("retry").get("retryOn").toString());
        assertEquals(2.5, set.json().get("rateLimit").get("perSecond").asDouble(), 0);
        assertEquals("burst: perSecond rounded up", 3, set.json().get("rateLimit").get("burst").asInt());
        RetryPolicy stored = cp.scriptStore.settings("retry").orElseThrow().retry();
        assertEquals(new RetryPolicy(5, 200, 2000, java.util.List.of("runtime", "ErrorArithmetic")), stored);

        Reply kept = put("{\"allowHosts\":[\"api.example.com\"]}");
        assertEquals("missing: kept", 5, kept.json().get("retry").get("maxAttempts").asInt());
        assertEquals(3, kept.json().get("rateLimit").get("burst").asInt());

        Reply partial = put("{\"retry\":{\"maxAttempts\":2}}");
        assertEquals("a missing field takes the default's", 1000,
                partial.json().get("retry").get("initialBackoffMillis").asLong());

        Reply cleared = put("{\"retry\":null,\"rateLimit\":null}");
        assertTrue(cleared.json().get("retry").isNull());
        assertTrue(cleared.json().get("rateLimit").isNull());
        assertEquals(null, cp.scriptStore.settings("retry").orElseThrow().retry());
    }

    @Test
    public void outOfBoundsIs422NamingTheField() {
        assertEquals(201, api.put("/scripts/bounds").key(alice).text("1").send().status());
        String[][] cases = {
            {"{\"retry\":{\"maxAttempts\":0}}", "retry.maxAttempts"},
            {"{\"retry\":{\"maxAttempts\":21}}", "retry.maxAttempts"},
            {"{\"retry\":{\"initialBackoffMillis\":-1}}", "retry.initialBackoffMillis"},
            {"{\"retry\":{\"initialBackoffMillis\":5000,\"maxBackoffMillis\":10}}", "retry.maxBackoffMillis"},
            {"{\"retry\":{\"maxBackoffMillis\":3600001}}", "retry.maxBackoffMillis"},
            {"{\"retry\":{\"retryOn\":[\"sometimes\"]}}", "retry.retryOn"},
            {"{\"rateLimit\":{\"perSecond\":0}}", "rateLimit.perSecond"},
            {"{\"rateLimit\":{\"perSecond\":100001}}", "rateLimit.perSecond"},
            {"{\"rateLimit\":{\"perSecond\":1,\"burst\":0}}", "rateLimit.burst"},
        };
        for (String[] c : cases) {
            Reply r = put("bounds", c[0]);
            assertEquals(c[0] + " " + r, 422, r.status());
            assertEquals(c[0], c[1], r.field());
        }
        Reply typed = put("bounds", "{\"retry\":{\"maxAttempts\":\"3\"}}");
        assertEquals(400, typed.status());
        assertEquals("retry.maxAttempts", typed.field());
        assertEquals("retry.tries", put("bounds", "{\"retry\":{\"tries\":3}}").field());
        assertEquals("retry", put("bounds", "{\"retry\":3}").field());
        assertEquals(403, api.put("/scripts/bounds/settings").key(bob).json("{\"retry\":null}").send().status());
    }
}
