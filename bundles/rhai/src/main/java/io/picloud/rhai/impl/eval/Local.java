package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.SharedCell;
import io.picloud.rhai.impl.runtime.StrBuf;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** A local variable in a frame slot. */
public final class Local extends Node implements Place {
    public final int slot;
    public final String name;
    public final boolean constant;

    public Local(int line, int col, int slot, String name, boolean constant) {
        super(line, col);
        this.slot = slot;
        this.name = name;
        this.constant = constant;
    }

    @Override
    public Object eval(Frame f) {
        return value(f.slots[slot]);
    }

    /** What reading a slot holding {@code v} gives (also called by compiled functions, see {@link FnCompiler}). */
    Object value(Object v) {
        if (v instanceof Long) {
            // the most common value first: nothing to unwrap, nothing to mark shared
            return v;
        }
        if (v instanceof SharedCell c) {
            v = read(c);
        } else if (v instanceof StrBuf b) {
            return b.get();
        }
        if (v == null) {
            return Unit.UNIT;
        }
        Values.markShared(v);
        return v;
    }

    @Override
    public Object evalRef(Frame f) {
        return ref(f.slots[slot]);
    }

    /** {@link #value} for reading through: a container is not marked shared. */
    Object ref(Object v) {
        if (v instanceof Long) {
            return v;
        }
        if (v instanceof SharedCell c) {
            v = read(c);
        } else if (v instanceof StrBuf b) {
            return b.get();
        }
        return v == null ? Unit.UNIT : v;
    }

    /** A captured variable's value; refused while a method call on that variable runs. */
    private Object read(SharedCell c) {
        if (c.locked) {
            throw err(ErrorKind.DATA_RACE, "Data race detected on variable '" + name + "'");
        }
        return c.value;
    }

    @Override
    public SharedCell sharedRoot(Frame f) {
        return f.slots[slot] instanceof SharedCell c ? c : null;
    }

    /** {@code s += x} on a string variable: append in place. Returns false when not applicable. */
    boolean appendString(Frame f, Object rhs, Context ctx) {
        Object cur = f.slots[slot];
        StrBuf b;
        if (cur instanceof StrBuf sb) {
            b = sb;
        } else if (cur instanceof String s) {
            b = new StrBuf(s);
        } else {
            return false;
        }
        String add;
        if (rhs instanceof String s) {
            add = s;
        } else if (rhs instanceof Long || rhs instanceof Double || rhs instanceof Boolean
                || rhs instanceof Character || rhs instanceof io.picloud.rhai.impl.runtime.RChar) {
            add = Values.toStr(rhs);
        } else if (rhs == Unit.UNIT) {
            add = "";
        } else {
            return false;
        }
        b.append(add);
        f.slots[slot] = b;
        int max = ctx.limits.maxStringSize();
        if (max > 0 && b.length() > max / 3) {
            ctx.checkString(b.get());
        }
        if (ctx.memory.on) {
            ctx.memory.checkValue(b);
        }
        return true;
    }

    @Override
    public Object get(Frame f) {
        return evalRef(f);
    }

    /**
     * What a slot holding {@code cur} holds after {@code = v}: a captured variable keeps its cell, which takes the
     * value (also for compiled functions).
     */
    Object assigned(Object cur, Object v) {
        if (cur instanceof SharedCell c) {
            read(c);
            c.value = v;
            return c;
        }
        return v;
    }

    @Override
    public void set(Frame f, Object v) {
        f.slots[slot] = assigned(f.slots[slot], v);
    }

    @Override
    public Object getMut(Frame f) {
        Object cur = f.slots[slot];
        if (cur instanceof StrBuf b) {
            return b.get();
        }
        if (cur instanceof SharedCell c) {
            Object o = Place.own(read(c));
            c.value = o;
            return o;
        }
        Object o = Place.own(cur);
        if (o != cur) {
            f.slots[slot] = o;
        }
        return o == null ? Unit.UNIT : o;
    }

    @Override
    public boolean isConstant(Frame f) {
        return constant;
    }
}
