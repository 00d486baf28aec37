package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.Unit;

final class Coalesce extends Bin {
    Coalesce(int line, int col, Node l, Node r) {
        super(line, col, l, r);
    }

    @Override
    public Object eval(Frame f) {
        Object a = l.eval(f);
        return a == Unit.UNIT ? r.eval(f) : a;
    }
}
