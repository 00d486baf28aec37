package io.picloud.rhai.impl.eval;

/** An immutable constant (numbers, strings, chars, bools, unit). */
public final class Const extends Node {
    public final Object value;

    public Const(int line, int col, Object value) {
        super(line, col);
        this.value = value;
    }

    @Override
    public Object eval(Frame f) {
        return value;
    }

    @Override
    public Object evalRef(Frame f) {
        return value;
    }
}
