package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.RFnPtr;
import io.picloud.rhai.impl.runtime.SharedCell;
import io.picloud.rhai.impl.runtime.Unit;

/** Creates a closure: captured variables become shared cells passed as leading curried arguments. */
public final class Closure extends Node {
    final FnDef fn;
    final int[] captureSlots;

    public Closure(int line, int col, FnDef fn, int[] captureSlots) {
        super(line, col);
        this.fn = fn;
        this.captureSlots = captureSlots;
    }

    @Override
    public Object eval(Frame f) {
        Object[] cells = new Object[captureSlots.length];
        for (int i = 0; i < cells.length; i++) {
            int s = captureSlots[i];
            Object v = f.slots[s];
            if (v instanceof io.picloud.rhai.impl.runtime.StrBuf b) {
                v = b.get();
            }
            if (!(v instanceof SharedCell)) {
                v = new SharedCell(v == null ? Unit.UNIT : v);
                f.slots[s] = v;
            }
            cells[i] = v;
        }
        return new RFnPtr(fn.name, cells, fn);
    }
}
