package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;

final class Generic extends Bin {
    final String op;

    Generic(int line, int col, String op, Node l, Node r) {
        super(line, col, l, r);
        this.op = op;
    }

    @Override
    public Object eval(Frame f) {
        Object a = l.evalRef(f);
        Object b = r.evalRef(f);
        try {
            return Ops.binary(op, a, b);
        } catch (EvalError e) {
            throw err(e);
        }
    }
}
