package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.RMap;

public final class MapLit extends Node {
    final String[] keys;
    final Node[] values;

    public MapLit(int line, int col, String[] keys, Node[] values) {
        super(line, col);
        this.keys = keys;
        this.values = values;
    }

    @Override
    public Object eval(Frame f) {
        RMap m = new RMap();
        for (int i = 0; i < keys.length; i++) {
            m.put(keys[i], values[i].eval(f));
        }
        f.ctx.checkValue(m);
        return m;
    }
}
