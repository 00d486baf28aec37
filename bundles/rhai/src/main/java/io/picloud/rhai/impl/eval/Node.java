package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;

/** An executable AST node: each construct evaluates itself against a {@link Frame}. */
public abstract class Node {
    public final int line;
    public final int col;

    protected Node(int line, int col) {
        this.line = line;
        this.col = col;
    }

    public abstract Object eval(Frame f);

    /** Evaluates for reading through (index/property/method target): containers are not marked shared. */
    public Object evalRef(Frame f) {
        return eval(f);
    }

    protected final EvalError err(EvalError e) {
        return e.at(line, col);
    }

    protected final EvalError err(ErrorKind kind, String message) {
        return new EvalError(kind, message).at(line, col);
    }
}
