package io.picloud.trigger.api;

import java.util.Objects;

/**
 * A binding configuration is invalid. Names the offending field ({@code schedule}, {@code topic}, or a dotted path
 * such as {@code headers.name}) so that clients can point at it; the message says what is wrong and never echoes
 * a secret value.
 */
public class TriggerConfigException extends TriggerException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public TriggerConfigException(String field, String message) {
        super("config." + field + ": " + message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The invalid field's name within the binding configuration. */
    public String field() {
        return field;
    }
}
