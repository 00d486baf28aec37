package io.picloud.api;

/** A {@link KvStore} write refused for a reason the caller should show; nothing was written. */
public class KvRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** {@code incr} on a value that is not an INT. */
        NOT_AN_INTEGER,
        /** {@code incr} whose sum leaves the 64-bit range. */
        OUT_OF_RANGE,
        /** A new key in a namespace that holds the most keys allowed. */
        TOO_MANY_KEYS
    }

    private final Reason reason;

    public KvRefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
