package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.Unit;

public final class If extends Node {
    final Node cond;
    final Node then;
    final Node otherwise;

    public If(int line, int col, Node cond, Node then, Node otherwise) {
        super(line, col);
        this.cond = cond;
        this.then = then;
        this.otherwise = otherwise;
    }

    @Override
    public Object eval(Frame f) {
        if (Control.cond(cond, f)) {
            return then.eval(f);
        }
        return otherwise == null ? Unit.UNIT : otherwise.eval(f);
    }
}
