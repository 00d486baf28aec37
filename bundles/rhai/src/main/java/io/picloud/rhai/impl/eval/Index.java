package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** {@code target[index]} as an expression. */
public final class Index extends Node {
    public final Node target;
    public final Node idx;
    public final boolean optional;
    /** An optional link with more links after it: on () it skips the rest of the chain. */
    public boolean chained;

    public Index(int line, int col, Node target, Node idx, boolean optional) {
        super(line, col);
        this.target = target;
        this.idx = idx;
        this.optional = optional;
    }

    @Override
    public Object evalRef(Frame f) {
        Object c = target.evalRef(f);
        if (optional && c == Unit.UNIT) {
            if (chained) {
                throw Access.SKIP;
            }
            return Unit.UNIT;
        }
        Object i = idx.eval(f);
        if (c instanceof RArray a && i instanceof Long n) {
            int len = a.size();
            long k = n < 0 ? len + n : n;
            if (k >= 0 && k < len) {
                return a.get((int) k);
            }
        }
        try {
            return Access.index(f.ctx, c, i);
        } catch (EvalError e) {
            throw err(e);
        }
    }

    @Override
    public Object eval(Frame f) {
        Object v = evalRef(f);
        Values.markShared(v);
        return v;
    }
}
