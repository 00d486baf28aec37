package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;

final class Sub extends Bin {
    Sub(int line, int col, Node l, Node r) {
        super(line, col, l, r);
    }

    @Override
    public Object eval(Frame f) {
        Object a = l.evalRef(f);
        Object b = r.evalRef(f);
        if (a instanceof Long x && b instanceof Long y) {
            long s = x - y;
            if (((x ^ y) & (x ^ s)) < 0) {
                throw err(EvalError.arithmetic("Subtraction overflow: " + x + " - " + y));
            }
            return s;
        }
        try {
            return Ops.sub(a, b);
        } catch (EvalError e) {
            throw err(e);
        }
    }
}
