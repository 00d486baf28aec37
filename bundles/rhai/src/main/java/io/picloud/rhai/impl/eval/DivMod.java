package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;

final class DivMod extends Bin {
    final boolean mod;

    DivMod(int line, int col, boolean mod, Node l, Node r) {
        super(line, col, l, r);
        this.mod = mod;
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

    /** The quotient or remainder of two operands (also called by compiled functions, see {@link FnCompiler}). */
    Object apply(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y && y != 0 && y != -1) {
            return mod ? x % y : x / y;
        }
        try {
            return mod ? Ops.mod(a, b) : Ops.div(a, b);
        } catch (EvalError e) {
            throw err(e);
        }
    }
}
