package io.picloud.rhai.impl.runtime;

/**
 * A Rhai runtime error ({@code EvalAltResult}) travelling through the evaluator. Stackless and cheap.
 * The position is filled in by the innermost node that knows it.
 */
public final class EvalError extends RuntimeException {
    public final String kind;
    public final Object value;
    public int line;
    public int column;
    public final EvalError inner;

    public EvalError(String kind, String message) {
        this(kind, message, null, null);
    }

    public EvalError(String kind, String message, Object value, EvalError inner) {
        super(message, null, false, false);
        this.kind = kind;
        this.value = value;
        this.inner = inner;
    }

    public EvalError at(int line, int column) {
        if (this.line == 0) {
            this.line = line;
            this.column = column;
        }
        return this;
    }

    /**
     * Limits and system errors cannot be caught by try/catch. An {@code ErrorInFunctionCall} can, as in Rhai, even
     * around a parse error (from {@code eval}); but not around a limit error: Rhai's {@code eval} wraps those too,
     * which would let a script catch its own operation or size limit, and that is not copied.
     */
    public boolean catchable() {
        if (inner != null && kind.equals("ErrorInFunctionCall")) {
            return inner.catchable() || inner.kind.equals("ErrorParsing") || inner.kind.equals("ErrorSystem");
        }
        return switch (kind) {
            case "ErrorTooManyOperations", "ErrorTooManyVariables", "ErrorTooManyModules", "ErrorStackOverflow",
                 "ErrorDataTooLarge", "ErrorTerminated", "ErrorSystem", "ErrorParsing", "ErrorCustomSyntax" -> false;
            default -> true;
        };
    }

    public static EvalError arithmetic(String msg) {
        return new EvalError("ErrorArithmetic", msg);
    }

    public static EvalError mismatch(String actual, String expected) {
        return new EvalError("ErrorMismatchDataType", "Data type incorrect: " + actual + " (expecting " + expected + ")");
    }

    public static EvalError fnNotFound(String sig) {
        return new EvalError("ErrorFunctionNotFound", "Function not found: " + sig);
    }

    public static EvalError runtime(Object value, String text) {
        return new EvalError("ErrorRuntime", "Runtime error: " + text, value, null);
    }
}
