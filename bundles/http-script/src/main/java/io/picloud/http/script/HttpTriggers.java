package io.picloud.http.script;

import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fire-and-wait for trigger plugins that answer HTTP requests (http routes, webhooks, third-party ones): run the
 * binding's script for an event and answer with its value the way {@code /fn} does ({@link ScriptAnswer}).
 * Stateless, thread-safe.
 */
public final class HttpTriggers {
    /** Seconds a client is told to wait before retrying a 503 of a trigger plugin. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Logger logger = LoggerFactory.getLogger(HttpTriggers.class);

    private HttpTriggers() {
    }

    /**
     * Runs the binding's script for {@code event} and returns its answer ({@link ScriptAnswer#of(TriggerResult,
     * int, String)}). When the runtime says it may run the script without blocking ({@link
     * TriggerCallback#mayFireInline}) it runs inline ({@link TriggerCallback#fireInline}); otherwise on this thread
     * with host functions allowed ({@link TriggerCallback#fireNow}): no hand-off to another pool and back, the wait
     * bounded by the run's own deadline (the executor's {@code timeoutMs}, a script's settings; 504 after). 503 with
     * Retry-After when the platform cannot run it (binding closing, plugin stopping, rate limit: 429). Blocks the
     * calling thread: call it from a worker, never from an I/O thread.
     *
     * @param what names the binding in log lines, e.g. {@code "route GET /users/{id} (binding 'b1')"}
     */
    public static ScriptAnswer fire(TriggerCallback callback, TriggerEvent event, String what) {
        if (callback.mayFireInline()) {
            TriggerResult inline = callback.fireInline(event);
            if (inline != null) {
                return ScriptAnswer.of(inline, RETRY_AFTER_SECONDS, what);
            }
        }
        TriggerResult result;
        try {
            result = callback.fireNow(event);
        } catch (RuntimeException e) {
            logger.warn("{}: the runtime failed the run: {}", what, e.toString());
            return ScriptAnswer.unavailable("the script could not be run now", RETRY_AFTER_SECONDS);
        }
        return ScriptAnswer.of(result, RETRY_AFTER_SECONDS, what);
    }

    /**
     * Runs the binding's script for {@code event} on the calling (I/O) thread when the runtime can do so without
     * blocking: null when it cannot ({@link TriggerCallback#mayFireInline} false, or {@link
     * TriggerCallback#fireInline} declined); then use {@link #fire} on a thread that may block. Ask
     * {@code mayFireInline} yourself before building the event, so that a run bound for a worker builds it once.
     */
    public static ScriptAnswer fireInline(TriggerCallback callback, TriggerEvent event, String what) {
        TriggerResult result = callback.fireInline(event);
        return result == null ? null : ScriptAnswer.of(result, RETRY_AFTER_SECONDS, what);
    }

    /**
     * A 503 of a trigger plugin that cannot serve now (stopping, reopening): {@code unavailable} with
     * {@link #RETRY_AFTER_SECONDS}.
     */
    public static ScriptAnswer unavailable(String message) {
        return ScriptAnswer.unavailable(message, RETRY_AFTER_SECONDS);
    }
}
