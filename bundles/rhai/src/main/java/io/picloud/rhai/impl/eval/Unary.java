package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Values;

/** Unary {@code -}, {@code +}, {@code !}. */
public final class Unary extends Node {
    final char op;
    final Node operand;

    public Unary(int line, int col, char op, Node operand) {
        super(line, col);
        this.op = op;
        this.operand = operand;
    }

    @Override
    public Object eval(Frame f) {
        return apply(operand.evalRef(f));
    }

    /** The operator applied to its operand's value (also called by compiled functions, see {@link FnCompiler}). */
    Object apply(Object v) {
        switch (op) {
            case '-':
                try {
                    return Ops.neg(v);
                } catch (EvalError e) {
                    throw err(e);
                }
            case '!':
                if (v instanceof Boolean b) {
                    return !b;
                }
                throw err(EvalError.fnNotFound("! (" + Values.typeName(v) + ")"));
            default:
                if (v instanceof Long || v instanceof Double) {
                    return v;
                }
                throw err(EvalError.fnNotFound("+ (" + Values.typeName(v) + ")"));
        }
    }
}
