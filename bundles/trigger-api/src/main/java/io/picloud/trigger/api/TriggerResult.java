package io.picloud.trigger.api;

/**
 * What a fired script produced: its value, or an error with the Rhai error kind and position. Platform problems
 * (script missing, executor unavailable) are errors too, with kinds such as {@link #SCRIPT_NOT_FOUND}.
 *
 * @param value     the script's value in the engine's Java mapping (null for {@code ()} or on error, but for
 *                  {@link #RATE_LIMITED})
 * @param errorKind null on success, else the error kind ({@code ErrorArithmetic}, {@code ErrorTooManyOperations}, ...)
 * @param message   the error message, null on success
 * @param line      1-based line of the error, 0 when unknown
 * @param column    1-based column of the error, 0 when unknown
 */
public record TriggerResult(Object value, String errorKind, String message, int line, int column) {
    /** Kind of the error result when the binding's script does not exist. */
    public static final String SCRIPT_NOT_FOUND = "ScriptNotFound";
    /** Kind of the error result when the platform could not run the script now (stopping, overloaded ...). */
    public static final String UNAVAILABLE = "Unavailable";
    /** Kind of the error result when a plugin refused the event (loop guard, limits ...). */
    public static final String REFUSED = "Refused";
    /**
     * Kind of the error result when the script's rate limit refused the call; {@code value} is then the whole
     * seconds (a {@link Long}, at least 1) until the caller may try again. HTTP triggers answer 429 with
     * {@code Retry-After}.
     */
    public static final String RATE_LIMITED = "RateLimited";

    public static TriggerResult ok(Object value) {
        return new TriggerResult(value, null, null, 0, 0);
    }

    /** The {@link #RATE_LIMITED} result: retry after {@code retryAfterSeconds}. */
    public static TriggerResult rateLimited(String message, long retryAfterSeconds) {
        return new TriggerResult(Math.max(1, retryAfterSeconds), RATE_LIMITED, message, 0, 0);
    }

    public static TriggerResult error(String kind, String message, int line, int column) {
        return new TriggerResult(null, kind, message, line, column);
    }

    public boolean succeeded() {
        return errorKind == null;
    }
}
