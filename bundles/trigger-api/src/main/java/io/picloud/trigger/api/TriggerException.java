package io.picloud.trigger.api;

/**
 * A binding cannot be opened (or, from {@code validate}, checked now). The message is shown to users as the binding's
 * error reason.
 */
public class TriggerException extends Exception {
    private static final long serialVersionUID = 1L;

    public TriggerException(String message) {
        super(message);
    }

    public TriggerException(String message, Throwable cause) {
        super(message, cause);
    }
}
