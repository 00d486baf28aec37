package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;

final class Mul extends Bin {
    Mul(int line, int col, Node l, Node r) {
        super(line, col, l, r);
    }

    @Override
    public Object evalRef(Frame f) {
        // an operator's result is never a variable's value: reading it through is evaluating it, bound here
        // (not through Node.evalRef's shared virtual call, whose poor profile keeps the JIT from inlining)
        return eval(f);
    }

    @Override
    public Object eval(Frame f) {
        return apply(l.evalRef(f), r.evalRef(f));
    }

    /** The product of two operands (also called by compiled functions, see {@link FnCompiler}). */
    Object apply(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x * y;
        }
        try {
            return Ops.mul(a, b);
        } catch (EvalError e) {
            throw err(e);
        }
    }
}
