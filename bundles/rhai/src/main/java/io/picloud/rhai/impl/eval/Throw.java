package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

public final class Throw extends Node {
    final Node value;

    public Throw(int line, int col, Node value) {
        super(line, col);
        this.value = value;
    }

    @Override
    public Object eval(Frame f) {
        if (value == null && f.ctx.caught != null) {
            throw f.ctx.caught;
        }
        Object v = value == null ? Unit.UNIT : value.eval(f);
        throw err(EvalError.runtime(v, Values.toStr(v)));
    }
}
