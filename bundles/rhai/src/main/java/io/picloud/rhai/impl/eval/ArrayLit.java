package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.RArray;

public final class ArrayLit extends Node {
    final Node[] items;

    public ArrayLit(int line, int col, Node[] items) {
        super(line, col);
        this.items = items;
    }

    @Override
    public Object eval(Frame f) {
        RArray a = new RArray(items.length);
        for (Node n : items) {
            a.add(n.eval(f));
        }
        f.ctx.checkValue(a);
        return a;
    }
}
