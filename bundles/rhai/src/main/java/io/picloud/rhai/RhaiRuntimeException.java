package io.picloud.rhai;

import java.util.List;

/**
 * A run failed: a runtime error, a {@code throw}, or a sandbox limit. {@link #thrownValue()} is the value of
 * a script {@code throw} (converted to Java), otherwise {@code null}. {@link #output()} holds what the run had
 * printed before it failed (ending with a marker line when an output cap cut it).
 */
public final class RhaiRuntimeException extends RhaiException {
    private final transient Object thrownValue;
    private final transient List<String> output;

    public RhaiRuntimeException(String kind, String message, String scriptName, int line, int column,
                                Object thrownValue, Throwable cause) {
        this(kind, message, scriptName, line, column, thrownValue, cause, List.of());
    }

    /** As above, with the lines the run printed before it failed. */
    public RhaiRuntimeException(String kind, String message, String scriptName, int line, int column,
                                Object thrownValue, Throwable cause, List<String> output) {
        super(kind, message, scriptName, line, column, cause);
        this.thrownValue = thrownValue;
        this.output = output == null ? List.of() : List.copyOf(output);
    }

    public Object thrownValue() { return thrownValue; }

    /** The print/debug lines of the failed run, in order; empty when there were none or they are not known. */
    public List<String> output() { return output; }

    /** True for the kinds that mean a sandbox limit was hit rather than a script bug. */
    public boolean isLimit() {
        ErrorKind k = errorKind();
        if (k == null) {
            return false;
        }
        return switch (k) {
            case TOO_MANY_OPERATIONS, STACK_OVERFLOW, DATA_TOO_LARGE, TOO_MANY_VARIABLES,
                 TOO_MANY_MODULES, TERMINATED -> true;
            default -> false;
        };
    }
}
