package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;

final class Range extends Bin {
    final boolean inclusive;

    Range(int line, int col, boolean inclusive, Node l, Node r) {
        super(line, col, l, r);
        this.inclusive = inclusive;
    }

    @Override
    public Object eval(Frame f) {
        try {
            return Ops.range(l.evalRef(f), r.evalRef(f), inclusive);
        } catch (EvalError e) {
            throw err(e);
        }
    }
}
