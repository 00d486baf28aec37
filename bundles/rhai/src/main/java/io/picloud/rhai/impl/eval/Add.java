package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;

/** {@code +}: INT and FLOAT pairs in {@link #eval} itself (small enough to be inlined), the rest in {@link #other}. */
final class Add extends Bin {
    Add(int line, int col, Node l, Node r) {
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
        return apply(f.ctx, l.evalRef(f), r.evalRef(f));
    }

    /** The sum of two operands (also called by compiled functions, see {@link FnCompiler}). */
    Object apply(Context ctx, Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long p = x;
            long q = y;
            long s = p + q;
            if (((p ^ s) & (q ^ s)) < 0) {
                throw overflow(p, q);
            }
            return s;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x + y;
        }
        return other(ctx, a, b);
    }

    private EvalError overflow(long p, long q) {
        return err(EvalError.arithmetic("Addition overflow: " + p + " + " + q));
    }

    private Object other(Context ctx, Object a, Object b) {
        try {
            Object v = Ops.add(a, b);
            if (v instanceof String s) {
                ctx.checkString(s);
            } else if (!(v instanceof Double)) {
                ctx.checkValue(v);
            }
            return v;
        } catch (EvalError e) {
            throw err(e);
        }
    }
}
