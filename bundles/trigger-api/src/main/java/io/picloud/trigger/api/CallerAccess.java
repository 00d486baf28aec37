package io.picloud.trigger.api;

/** Whether a caller of an endpoint trigger may run the binding's script (see {@link TriggerCallback#access}). */
public enum CallerAccess {
    ALLOW,
    /** No key, or one that is not valid: answer 401. */
    UNAUTHENTICATED,
    /** A valid key that may not call this script: answer 403. */
    FORBIDDEN,
    /** The check cannot be made now (the database is unreachable): answer 503 with Retry-After. */
    UNAVAILABLE
}
