package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.SharedCell;

/** {@code is_shared(x)} on a variable. */
public final class IsShared extends Node {
    final int slot;

    public IsShared(int line, int col, int slot) {
        super(line, col);
        this.slot = slot;
    }

    @Override
    public Object eval(Frame f) {
        return slot >= 0 && f.slots[slot] instanceof SharedCell;
    }
}
