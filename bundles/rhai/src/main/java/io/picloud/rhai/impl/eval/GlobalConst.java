package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.Values;

/** {@code global::NAME}: a constant of the global script. */
public final class GlobalConst extends Node {
    final String name;

    public GlobalConst(int line, int col, String name) {
        super(line, col);
        this.name = name;
    }

    @Override
    public Object eval(Frame f) {
        Object v = f.ctx.globalConstants.get(name);
        if (v == null) {
            throw err(ErrorKind.VARIABLE_NOT_FOUND, "Variable not found: global::" + name);
        }
        Values.markShared(v);
        return v;
    }
}
