package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.SharedCell;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** A variable not known at compile time: host-provided or defined by eval. */
public final class Dyn extends Node implements Place {
    public final String name;

    public Dyn(int line, int col, String name) {
        super(line, col);
        this.name = name;
    }

    @Override
    public Object eval(Frame f) {
        Object v = evalRef(f);
        Values.markShared(v);
        return v;
    }

    @Override
    public Object evalRef(Frame f) {
        Context ctx = f.ctx;
        java.util.Map<String, Integer> bang = ctx.bangNames();
        if (bang != null) {
            Integer s = bang.get(name);
            if (s != null) {
                Object b = Values.unshare(ctx.bangFrame.slots[s]);
                return b == null ? Unit.UNIT : b;
            }
        }
        Object v = f.ctx.dynVars.get(name);
        if (v == null) {
            if (f.ctx.unit.hasFunctionNamed(name)) {
                return new io.picloud.rhai.impl.runtime.RFnPtr(name, new Object[0], null);
            }
            throw err(ErrorKind.VARIABLE_NOT_FOUND, "Variable not found: " + name);
        }
        return v instanceof SharedCell c ? c.value : v;
    }

    @Override
    public Object get(Frame f) {
        return evalRef(f);
    }

    @Override
    public void set(Frame f, Object v) {
        Context ctx = f.ctx;
        java.util.Map<String, Integer> bang = ctx.bangNames();
        if (bang != null) {
            Integer s = bang.get(name);
            if (s != null) {
                if (ctx.bangFrame.slots[s] instanceof SharedCell c) {
                    c.value = v;
                } else {
                    ctx.bangFrame.slots[s] = v;
                }
                return;
            }
        }
        Object cur = f.ctx.dynVars.get(name);
        if (cur == null) {
            throw err(ErrorKind.VARIABLE_NOT_FOUND, "Variable not found: " + name);
        }
        if (cur instanceof SharedCell c) {
            c.value = v;
        } else {
            f.ctx.dynVars.put(name, v);
        }
    }

    @Override
    public Object getMut(Frame f) {
        Object o = Place.own(evalRef(f));
        set(f, o);
        return o;
    }

    @Override
    public boolean isConstant(Frame f) {
        java.util.Set<String> constants = f.ctx.dynConstants;
        return constants != null && constants.contains(name);
    }
}
