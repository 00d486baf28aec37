package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.Unit;

public final class Return extends Node {
    final Node value;
    /**
     * Set by {@link #markTailReturns} when this return is the last thing its function does: its value then
     * flows out of the enclosing blocks and ifs as their value, and no signal is thrown.
     */
    boolean tail;

    public Return(int line, int col, Node value) {
        super(line, col);
        this.value = value;
    }

    @Override
    public Object eval(Frame f) {
        Object v = value == null ? Unit.UNIT : value.eval(f);
        if (tail) {
            return v;
        }
        throw new Signals.Return(v);
    }
}
