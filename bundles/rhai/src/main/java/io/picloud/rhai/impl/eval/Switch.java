package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** {@code switch}: exact-value cases first, then range cases, then the default. */
public final class Switch extends Node {
    /** One arm. */
    public record Case(Object[] values, RRange[] ranges, Node guard, Node body) {
    }

    final Node subject;
    final Case[] cases;
    final Node deflt;

    public Switch(int line, int col, Node subject, Case[] cases, Node deflt) {
        super(line, col);
        this.subject = subject;
        this.cases = cases;
        this.deflt = deflt;
    }

    /**
     * Rhai matches exact-value cases by hash, the type included (eval/stmt.rs, Dynamic's Hash): a string
     * never matches a char, an int never a float, and floats match bit for bit (0.0 is not -0.0, no epsilon).
     */
    private static boolean same(Object a, Object b) {
        if (Values.isChar(a)) {
            return Values.isChar(b) && a.toString().equals(b.toString());
        }
        if (a instanceof Double x) {
            return b instanceof Double y && Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
        }
        return a.equals(b);
    }

    @Override
    public Object eval(Frame f) {
        Object v = subject.evalRef(f);
        if (v instanceof RRange vr) {
            for (Case c : cases) {
                if (c.ranges != null) {
                    for (RRange r : c.ranges) {
                        if (r.equals(vr) && (c.guard == null || Control.cond(c.guard, f))) {
                            return c.body.eval(f);
                        }
                    }
                }
            }
        }
        for (Case c : cases) {
            if (c.values == null) {
                continue;
            }
            for (Object cv : c.values) {
                if (same(cv, v) && (c.guard == null || Control.cond(c.guard, f))) {
                    return c.body.eval(f);
                }
            }
        }
        if (v instanceof Long || v instanceof Double) {
            double dv = v instanceof Long l ? l : (Double) v;
            for (Case c : cases) {
                if (c.ranges == null) {
                    continue;
                }
                for (RRange r : c.ranges) {
                    boolean in = v instanceof Long l ? r.contains(l)
                            : dv >= r.start() && (r.inclusive() ? dv <= r.end() : dv < r.end());
                    if (in && (c.guard == null || Control.cond(c.guard, f))) {
                        return c.body.eval(f);
                    }
                }
            }
        }
        return deflt == null ? Unit.UNIT : deflt.eval(f);
    }
}
