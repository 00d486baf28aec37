package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** {@code target.name} as an expression. */
public final class Prop extends Node {
    public final Node target;
    public final String name;
    public final boolean optional;
    /** An optional link with more links after it: on () it skips the rest of the chain. */
    public boolean chained;

    public Prop(int line, int col, Node target, String name, boolean optional) {
        super(line, col);
        this.target = target;
        this.name = name;
        this.optional = optional;
    }

    @Override
    public Object evalRef(Frame f) {
        Object c = target.evalRef(f);
        if (optional && c == Unit.UNIT) {
            if (chained) {
                throw Access.SKIP;
            }
            return Unit.UNIT;
        }
        if (c instanceof RMap m) {
            Object v = m.get(name);
            if (v != null) {
                return v;
            }
        }
        try {
            return Access.prop(f.ctx, c, name);
        } catch (EvalError e) {
            throw err(e);
        }
    }

    @Override
    public Object eval(Frame f) {
        Object v = evalRef(f);
        Values.markShared(v);
        return v;
    }
}
