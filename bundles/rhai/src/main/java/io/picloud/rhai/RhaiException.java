package io.picloud.rhai;

/**
 * A script failed. {@link #kind()} is the name of Rhai's {@code EvalAltResult} variant
 * ({@code ErrorArithmetic}, {@code ErrorTooManyOperations}, {@code ErrorParsing}, ...), and the position is
 * 1-based; 0 means "no position", as in Rhai.
 */
public abstract class RhaiException extends RuntimeException {
    private final String kind;
    private final String scriptName;
    private final int line;
    private final int column;

    protected RhaiException(String kind, String message, String scriptName, int line, int column, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.scriptName = scriptName;
        this.line = line;
        this.column = column;
    }

    public String kind() { return kind; }
    /** {@link #kind()} as a constant, or {@code null} when it is not one of {@link ErrorKind}'s (a host's own kind). */
    public ErrorKind errorKind() { return ErrorKind.of(kind); }
    public String scriptName() { return scriptName; }
    public int line() { return line; }
    public int column() { return column; }
}
