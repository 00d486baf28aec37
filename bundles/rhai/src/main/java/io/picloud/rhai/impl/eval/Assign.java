package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Unit;

/** {@code place = value}. */
public final class Assign extends Node {
    final Place target;
    final Node value;

    public Assign(int line, int col, Place target, Node value) {
        super(line, col);
        this.target = target;
        this.value = value;
    }

    @Override
    public Object eval(Frame f) {
        Object v = value.eval(f);
        if (!(target instanceof Local) && target.isConstant(f)) {
            throw err(ErrorKind.ASSIGNMENT_TO_CONSTANT, "Cannot modify a constant");
        }
        try {
            target.set(f, v);
        } catch (EvalError e) {
            throw err(e);
        }
        return Unit.UNIT;
    }
}
