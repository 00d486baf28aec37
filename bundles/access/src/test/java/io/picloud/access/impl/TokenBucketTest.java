package io.picloud.access.impl;

import static org.junit.Assert.assertEquals;

import io.picloud.api.RateLimit;
import org.junit.Test;

public class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    public void admitsTheBurstThenRefusesWithTheWholeSecondsUntilATokenIsBack() {
        TokenBucket bucket = new TokenBucket(new RateLimit(0.5, 3), 0);
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        assertEquals(2, bucket.take(0));               // 0.5/s: a token in 2 s
        assertEquals(1, bucket.take(SECOND + 1));      // half a token back: 1 s more (rounded up)
        assertEquals(0, bucket.take(2 * SECOND));
        assertEquals(2, bucket.take(2 * SECOND));
    }

    @Test
    public void refillsAtTheRateUpToTheBurstOnly() {
        TokenBucket bucket = new TokenBucket(new RateLimit(10, 2), 0);
        bucket.take(0);
        bucket.take(0);
        assertEquals(1, bucket.take(0));               // 10/s: 0.1 s rounds up to 1
        long later = 3600 * SECOND;                    // idle for an hour: still only 2 tokens
        assertEquals(0, bucket.take(later));
        assertEquals(0, bucket.take(later));
        assertEquals(1, bucket.take(later));
        assertEquals(0, bucket.take(later + SECOND / 10));
    }
}
