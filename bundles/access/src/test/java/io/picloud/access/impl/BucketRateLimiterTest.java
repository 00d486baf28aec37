package io.picloud.access.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.picloud.api.RateLimit;
import io.picloud.api.ScriptAccess;
import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptSettings;
import io.picloud.api.control.RateLimiter.Admission;
import io.picloud.api.metrics.MetricWriter;
import org.junit.Test;

public class BucketRateLimiterTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final Fakes.Scripts fake = new Fakes.Scripts();

    private BucketRateLimiter limiter(Map<String, Object> config) {
        return new BucketRateLimiter(fake.store, new ScriptNameIndex(fake.store, true),
                Fakes.config(BucketRateLimiter.Config.class, config::get), now::get);
    }

    private void script(String name, RateLimit limit) {
        fake.settings.put(name, ScriptSettings.DEFAULT.withRateLimit(limit));
        fake.add(name, new ScriptOwner(name, 1, "alice", ScriptAccess.PUBLIC));
    }

    @Test
    public void aScriptsLimitIsReadOnceAndRefusesBeyondTheBurst() {
        script("limited", new RateLimit(2, 3));
        BucketRateLimiter limiter = limiter(Map.of());
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.admitScript("limited").admitted());
        }
        Admission refused = limiter.admitScript("limited");
        assertFalse(refused.admitted());
        assertEquals(1, refused.retryAfterSeconds());
        now.addAndGet(SECOND / 2);
        assertTrue(limiter.admitScript("limited").admitted());
        assertEquals(1, fake.calls("settings"));
        assertTrue(limiter.limits("limited"));
    }

    @Test
    public void unknownNamesAndUnlimitedScriptsAreAdmittedWithoutReadingTheStoreEachTime() {
        script("free", null);
        BucketRateLimiter limiter = limiter(Map.of());
        for (int i = 0; i < 1000; i++) {
            assertTrue(limiter.admitScript("random-" + i).admitted());
            assertTrue(limiter.admitScript("free").admitted());
        }
        assertEquals("one read, of the known script", 1, fake.calls("settings"));
        assertFalse(limiter.limits("free"));
        assertFalse(limiter.limits("random-1"));
    }

    @Test
    public void aChangedLimitIsSeenAtTheNextCall() {
        script("s", new RateLimit(1, 1));
        BucketRateLimiter limiter = limiter(Map.of());
        assertTrue(limiter.admitScript("s").admitted());
        assertFalse(limiter.admitScript("s").admitted());
        script("s", null);      // the store tells its listeners
        assertTrue(limiter.admitScript("s").admitted());
        assertTrue(limiter.admitScript("s").admitted());
        assertEquals(2, fake.calls("settings"));
    }

    @Test
    public void theKeyLimitIsOffByDefault() {
        BucketRateLimiter limiter = limiter(Map.of());
        for (int i = 0; i < 10_000; i++) {
            assertTrue(limiter.admitKey(7).admitted());
        }
    }

    @Test
    public void eachKeyHasItsOwnBucket() {
        BucketRateLimiter limiter = limiter(Map.of("keyPerSecond", 0.25, "keyBurst", 2));
        assertTrue(limiter.admitKey(1).admitted());
        assertTrue(limiter.admitKey(1).admitted());
        Admission refused = limiter.admitKey(1);
        assertEquals(4, refused.retryAfterSeconds());
        assertTrue(limiter.admitKey(2).admitted());
        io.picloud.api.control.OperationException e = refused.toException("slow down");
        assertEquals(io.picloud.api.control.OperationException.Kind.TOO_MANY, e.kind());
        assertEquals("rate_limited", e.code());
        assertEquals(4, e.retryAfterSeconds());
    }

    @Test
    public void bucketsStayBoundedAndRefusalsAreCounted() {
        BucketRateLimiter limiter = limiter(Map.of("keyPerSecond", 1.0, "maxBuckets", 100));
        for (long key = 0; key < 5000; key++) {
            limiter.admitKey(key);
            limiter.admitKey(key);  // refused: burst 1
        }
        Map<String, Double> seen = new HashMap<>();
        limiter.collect(new MetricWriter() {
            @Override
            public void counter(String name, String help, Map<String, String> labels, double value) {
                seen.put(name + labels, value);
            }

            @Override
            public void gauge(String name, String help, Map<String, String> labels, double value) {
                seen.put(name + labels, value);
            }

            @Override
            public void histogram(String name, String help, Map<String, String> labels, double[] upperBounds,
                                  long[] counts, double sum, long count) {
            }
        });
        assertEquals(5000.0, seen.get("picloud_rate_limit_refusals{limit=key}"), 0);
        assertEquals(0.0, seen.get("picloud_rate_limit_refusals{limit=script}"), 0);
        assertTrue(seen.get("picloud_rate_limit_buckets{limit=key}") <= 100);
    }
}
