package io.picloud.access.impl;

import io.picloud.api.RateLimit;

/**
 * One token bucket: starts full ({@code burst} tokens), gains {@code perSecond} tokens a second up to
 * {@code burst}, and each admitted call takes one. Thread-safe (its own monitor; held for a few arithmetic steps).
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final RateLimit limit;
    private double tokens;
    private long refilledAt;

    TokenBucket(RateLimit limit, long nowNanos) {
        this.limit = limit;
        this.tokens = limit.burst();
        this.refilledAt = nowNanos;
    }

    RateLimit limit() {
        return limit;
    }

    /** Takes a token: 0 when there was one, else the whole seconds (at least 1) until there is one. */
    synchronized long take(long nowNanos) {
        long elapsed = nowNanos - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(limit.burst(), tokens + elapsed * limit.perSecond() / NANOS_PER_SECOND);
            refilledAt = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / limit.perSecond()));
    }
}
