package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Values;

final class Or extends Bin {
    Or(int line, int col, Node l, Node r) {
        super(line, col, l, r);
    }

    @Override
    public Object eval(Frame f) {
        Object a = l.evalRef(f);
        if (!(a instanceof Boolean x)) {
            throw err(EvalError.mismatch(Values.typeName(a), "bool"));
        }
        if (x) {
            return Boolean.TRUE;
        }
        Object b = r.evalRef(f);
        if (!(b instanceof Boolean)) {
            throw err(EvalError.mismatch(Values.typeName(b), "bool"));
        }
        return b;
    }
}
