package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;

final class In extends Bin {
    final boolean negate;

    In(int line, int col, boolean negate, Node l, Node r) {
        super(line, col, l, r);
        this.negate = negate;
    }

    @Override
    public Object eval(Frame f) {
        Object a = l.evalRef(f);
        Object b = r.evalRef(f);
        try {
            return Ops.in(f.ctx, a, b) != negate;
        } catch (EvalError e) {
            throw err(e);
        }
    }
}
