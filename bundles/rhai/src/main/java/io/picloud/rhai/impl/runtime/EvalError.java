package io.picloud.rhai.impl.runtime;

import io.picloud.rhai.ErrorKind;

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
    /** Set by {@link #inNativeCall}: positioning this error positions an unpositioned inner one too. */
    private boolean positionsInner;

    public EvalError(ErrorKind kind, String message) {
        this(kind.rhaiName(), message);
    }

    public EvalError(ErrorKind kind, String message, Object value, EvalError inner) {
        this(kind.rhaiName(), message, value, inner);
    }

    public EvalError(String kind, String message) {
        this(kind, message, null, null);
    }

    public EvalError(String kind, String message, Object value, EvalError inner) {
        super(message, null, false, false);
        this.kind = kind;
        this.value = value;
        this.inner = inner;
    }

    /** Whether this error's kind is {@code k}. */
    public boolean is(ErrorKind k) {
        return kind.equals(k.rhaiName());
    }

    /** The kind as a constant, or {@code null} when it is not one of {@link ErrorKind}'s (a host's own kind). */
    public ErrorKind errorKind() {
        return ErrorKind.of(kind);
    }

    public EvalError at(int line, int column) {
        if (this.line == 0) {
            this.line = line;
            this.column = column;
            if (positionsInner && inner.line == 0) {
                inner.at(line, column);
            }
        }
        return this;
    }

    /**
     * Limits and system errors cannot be caught by try/catch. An {@code ErrorInFunctionCall} can, as in Rhai, even
     * around a parse error (from {@code eval}); but not around a limit error: Rhai's {@code eval} wraps those too,
     * which would let a script catch its own operation or size limit, and that is not copied.
     */
    public boolean catchable() {
        if (inner != null && is(ErrorKind.IN_FUNCTION_CALL)) {
            return inner.catchable() || inner.is(ErrorKind.PARSING) || inner.is(ErrorKind.SYSTEM);
        }
        ErrorKind k = errorKind();
        if (k == null) {
            return true;
        }
        return switch (k) {
            case TOO_MANY_OPERATIONS, TOO_MANY_VARIABLES, TOO_MANY_MODULES, STACK_OVERFLOW,
                 DATA_TOO_LARGE, TERMINATED, SYSTEM, PARSING, CUSTOM_SYNTAX -> false;
            default -> true;
        };
    }

    /**
     * Rhai's {@code ErrorInFunctionCall(fn)} raised by a native function around the error of a function it
     * called back ({@code FnPtr::call_raw_with_extra_args}). In Rhai the inner error carries the native call's
     * position too (its {@code NativeCallContext} position), so once the evaluator positions this wrapper at the
     * call, an inner error that has no position gets the same one.
     */
    public static EvalError inNativeCall(String fn, EvalError inner) {
        EvalError e = new EvalError(ErrorKind.IN_FUNCTION_CALL, inner.getMessage() + "\nin call to function '" + fn
                + "'", null, inner);
        e.positionsInner = true;
        return e;
    }

    public static EvalError arithmetic(String msg) {
        return new EvalError(ErrorKind.ARITHMETIC, msg);
    }

    public static EvalError mismatch(String actual, String expected) {
        return new EvalError(ErrorKind.MISMATCH_DATA_TYPE, "Data type incorrect: " + actual + " (expecting " + expected + ")");
    }

    public static EvalError fnNotFound(String sig) {
        return new EvalError(ErrorKind.FUNCTION_NOT_FOUND, "Function not found: " + sig);
    }

    public static EvalError runtime(Object value, String text) {
        return new EvalError(ErrorKind.RUNTIME, "Runtime error: " + text, value, null);
    }
}
