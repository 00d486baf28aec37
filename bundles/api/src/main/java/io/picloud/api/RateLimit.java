package io.picloud.api;

/**
 * A token bucket: {@code perSecond} tokens are added each second up to {@code burst}; each call takes one, and a
 * call finding the bucket empty is refused with {@code 429} and the seconds until a token is back.
 */
public record RateLimit(double perSecond, int burst) {
    public RateLimit {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond is a positive number");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst is at least 1");
        }
    }
}
