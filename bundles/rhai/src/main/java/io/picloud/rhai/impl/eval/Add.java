package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;

final class Add extends Bin {
    Add(int line, int col, Node l, Node r) {
        super(line, col, l, r);
    }

    @Override
    public Object eval(Frame f) {
        Object a = l.evalRef(f);
        Object b = r.evalRef(f);
        if (a instanceof Long x && b instanceof Long y) {
            long s = x + y;
            if (((x ^ s) & (y ^ s)) < 0) {
                throw err(EvalError.arithmetic("Addition overflow: " + x + " + " + y));
            }
            return s;
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x + y;
        }
        try {
            Object v = Ops.add(a, b);
            if (v instanceof String s) {
                f.ctx.checkString(s);
            } else if (!(v instanceof Double)) {
                f.ctx.checkValue(v);
            }
            return v;
        } catch (EvalError e) {
            throw err(e);
        }
    }
}
