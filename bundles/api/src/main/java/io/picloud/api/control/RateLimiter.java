package io.picloud.api.control;

/**
 * Token buckets that protect the platform from floods, in every container: one per script that has a
 * {@link io.picloud.api.ScriptSettings#rateLimit()} (its endpoints {@code /fn}, http routes and webhooks, and the
 * submissions of its queued runs) and one per API key on the REST API (the operator's setting, config pid
 * {@link #PID}). Buckets are per node and kept in memory (the least recently used are dropped beyond a bound): a
 * cluster of N nodes behind a load balancer admits up to N times a limit. Thread-safe and quick: a script's limit is
 * read from a cache kept current by the script-change notifications, and an unknown script costs no database
 * query.
 */
@org.osgi.annotation.versioning.ProviderType
public interface RateLimiter {
    /** Config pid of the per-key limits. */
    String PID = "io.picloud.ratelimit";
    /** The error code of a refusal, in {@code {"error":{"code":"rate_limited",...}}} (HTTP 429). */
    String CODE = "rate_limited";

    /**
     * Takes a token for one call of {@code script}: admitted when the script has no limit, does not exist, or its
     * bucket has a token; else refused with the seconds until one is back. May throw
     * {@link io.picloud.api.StoreUnavailableException} when the script's settings are not cached and the database is
     * away.
     */
    Admission admitScript(String script);

    /**
     * True when calls of {@code script} are limited, or when that is not known without reading the store; never
     * reads it and takes no token. A path that must not block (an I/O thread) leaves such calls to its blocking
     * path, which calls {@link #admitScript}, so that one call takes one token.
     */
    boolean limits(String script);

    /** Takes a token for one REST call made with API key {@code keyId}; admitted when the per-key limit is off. */
    Admission admitKey(long keyId);

    /** The limiter's answer: admitted, or refused with {@link #retryAfterSeconds()} (whole seconds, at least 1). */
    record Admission(long retryAfterSeconds) {
        public static final Admission ADMITTED = new Admission(0);

        public boolean admitted() {
            return retryAfterSeconds == 0;
        }

        /** The 429 a control-plane service throws for a refusal. */
        public OperationException toException(String message) {
            return new OperationException(OperationException.Kind.TOO_MANY, CODE, message, null, retryAfterSeconds,
                    null);
        }
    }
}
