package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.Unit;

public final class Break extends Node {
    final Node value;

    public Break(int line, int col, Node value) {
        super(line, col);
        this.value = value;
    }

    @Override
    public Object eval(Frame f) {
        throw new Signals.Break(value == null ? Unit.UNIT : value.eval(f));
    }
}
