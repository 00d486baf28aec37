package io.picloud.trigger.http.support;

import io.picloud.trigger.api.TriggerResult;
import org.junit.Test;

import static org.junit.Assert.assertEquals;

/** A firing refused by the script's rate limit is 429 with Retry-After, as on /fn. */
public class HttpAnswerRateLimitTest {
    @Test
    public void aRateLimitedResultIs429WithTheSecondsToWait() {
        HttpAnswer a = HttpAnswer.of(TriggerResult.rateLimited("slow down", 12));
        assertEquals(429, a.status());
        assertEquals("12", a.headers().get("Retry-After"));
        assertEquals("{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}", a.body());
        assertEquals("1", HttpAnswer.of(TriggerResult.rateLimited("x", 0)).headers().get("Retry-After"));
    }
}
