package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.RIterator;
import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.SharedCell;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** {@code for x in iterable} / {@code for (x, i) in iterable}. */
public final class For extends Node {
    final int varSlot;
    final int counterSlot;
    final Node iterable;
    final Node body;

    public For(int line, int col, int varSlot, int counterSlot, Node iterable, Node body) {
        super(line, col);
        this.varSlot = varSlot;
        this.counterSlot = counterSlot;
        this.iterable = iterable;
        this.body = body;
    }

    private void assign(Frame f, Object v, long i) {
        Object[] s = f.slots;
        if (s[varSlot] instanceof SharedCell c) {
            c.value = v;
        } else {
            s[varSlot] = v;
        }
        if (counterSlot >= 0) {
            if (s[counterSlot] instanceof SharedCell c) {
                c.value = i;
            } else {
                s[counterSlot] = i;
            }
        }
    }

    /** Runs the body once; returns false when the loop must stop (break). */
    private boolean step(Frame f) {
        try {
            body.eval(f);
            return true;
        } catch (Signals.Continue c) {
            return true;
        }
    }

    @Override
    public Object eval(Frame f) {
        Object it = iterable.eval(f);
        Context ctx = f.ctx;
        f.slots[varSlot] = null;
        if (counterSlot >= 0) {
            f.slots[counterSlot] = null;
        }
        try {
            if (it instanceof RRange r) {
                long end = r.endExclusive();
                long i = 0;
                for (long x = r.start(); x < end; x++, i++) {
                    ctx.tick();
                    assign(f, x, i);
                    step(f);
                    if (x == Long.MAX_VALUE) {
                        break;
                    }
                }
            } else if (it instanceof RArray a) {
                Object[] items = a.toArray();
                for (int i = 0; i < items.length; i++) {
                    ctx.tick();
                    Values.markShared(items[i]);
                    assign(f, items[i], i);
                    step(f);
                }
            } else if (it instanceof String s) {
                long i = 0;
                for (int k = 0; k < s.length(); ) {
                    int cp = s.codePointAt(k);
                    k += Character.charCount(cp);
                    ctx.tick();
                    assign(f, Values.charOf(cp), i++);
                    step(f);
                }
            } else if (it instanceof RBlob b) {
                byte[] data = b.toBytes();
                for (int i = 0; i < data.length; i++) {
                    ctx.tick();
                    assign(f, (long) (data[i] & 0xFF), i);
                    step(f);
                }
            } else if (it instanceof RIterator ri) {
                long i = 0;
                while (ri.it.hasNext()) {
                    ctx.tick();
                    assign(f, ri.it.next(), i++);
                    step(f);
                }
            } else {
                throw err(ErrorKind.FOR, "For loop expects iterable type");
            }
        } catch (Signals.Break b) {
            return b.value;
        }
        return Unit.UNIT;
    }
}
