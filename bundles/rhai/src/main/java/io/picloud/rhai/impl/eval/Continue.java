package io.picloud.rhai.impl.eval;

public final class Continue extends Node {
    public Continue(int line, int col) {
        super(line, col);
    }

    @Override
    public Object eval(Frame f) {
        throw Signals.Continue.INSTANCE;
    }
}
