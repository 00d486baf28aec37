package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;

/** {@code -}: INT pairs in {@link #eval} itself (small enough to be inlined), the rest through {@link Ops#sub}. */
final class Sub extends Bin {
    Sub(int line, int col, Node l, Node r) {
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

    /** The difference of two operands (also called by compiled functions, see {@link FnCompiler}). */
    Object apply(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long p = x;
            long q = y;
            long s = p - q;
            if (((p ^ q) & (p ^ s)) < 0) {
                throw overflow(p, q);
            }
            return s;
        }
        return other(a, b);
    }

    private EvalError overflow(long p, long q) {
        return err(EvalError.arithmetic("Subtraction overflow: " + p + " - " + q));
    }

    private Object other(Object a, Object b) {
        try {
            return Ops.sub(a, b);
        } catch (EvalError e) {
            throw err(e);
        }
    }
}
