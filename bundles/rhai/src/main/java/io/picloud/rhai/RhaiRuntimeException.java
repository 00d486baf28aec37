package io.picloud.rhai;

/**
 * A run failed: a runtime error, a {@code throw}, or a sandbox limit. {@link #thrownValue()} is the value of
 * a script {@code throw} (converted to Java), otherwise {@code null}.
 */
public final class RhaiRuntimeException extends RhaiException {
    private final transient Object thrownValue;

    public RhaiRuntimeException(String kind, String message, String scriptName, int line, int column,
                                Object thrownValue, Throwable cause) {
        super(kind, message, scriptName, line, column, cause);
        this.thrownValue = thrownValue;
    }

    public Object thrownValue() { return thrownValue; }

    /** True for the kinds that mean a sandbox limit was hit rather than a script bug. */
    public boolean isLimit() {
        return switch (kind()) {
            case "ErrorTooManyOperations", "ErrorStackOverflow", "ErrorDataTooLarge", "ErrorTooManyVariables",
                 "ErrorTooManyModules", "ErrorTerminated" -> true;
            default -> false;
        };
    }
}
