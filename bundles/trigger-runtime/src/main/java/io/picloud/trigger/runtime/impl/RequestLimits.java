package io.picloud.trigger.runtime.impl;

import java.util.Set;

import io.picloud.api.StoredBinding;
import io.picloud.api.control.RateLimiter;
import io.picloud.trigger.api.TriggerResult;

/**
 * The scripts' rate limits on the bindings that answer requests (http routes, webhooks): checked when such a
 * binding fires, before anything runs. Other triggers (cron, MQTT, events) are not limited here: their firings are
 * the platform's own, not callers'. Thread-safe.
 */
final class RequestLimits {
    /** The trigger types whose firings are requests of outside callers. */
    static final Set<String> REQUEST_TYPES = Set.of("http", "webhook");

    private volatile RateLimiter limiter;

    void setLimiter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** The refusal of this firing (it takes a token otherwise), or null when it may run. */
    TriggerResult refused(StoredBinding binding) {
        RateLimiter l = limiter;
        if (l == null || !REQUEST_TYPES.contains(binding.type())) {
            return null;
        }
        RateLimiter.Admission admission;
        try {
            admission = l.admitScript(binding.script());
        } catch (RuntimeException e) {
            return TriggerResult.error(TriggerResult.UNAVAILABLE, "the script's rate limit could not be read now",
                    0, 0);
        }
        return admission.admitted() ? null : TriggerResult.rateLimited("script '" + binding.script()
                + "' is called more often than its rate limit allows; retry after "
                + admission.retryAfterSeconds() + " s", admission.retryAfterSeconds());
    }

    /** True when a firing must go the blocking way to take its token (see {@link RateLimiter#limits}). */
    boolean mustTakeToken(StoredBinding binding) {
        RateLimiter l = limiter;
        return l != null && REQUEST_TYPES.contains(binding.type()) && l.limits(binding.script());
    }
}
