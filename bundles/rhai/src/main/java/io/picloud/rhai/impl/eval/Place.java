package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.SharedCell;

/** An assignable location: a variable, {@code this}, or an index/property path below one. */
public interface Place {
    /** The current value, without marking it shared. */
    Object get(Frame f);

    void set(Frame f, Object v);

    /** The current value made safe to mutate in place (an unshared container is stored back first). */
    Object getMut(Frame f);

    /** True when the root variable is a constant. */
    boolean isConstant(Frame f);

    /** The cell of the root variable when a closure captured it (a shared value), else null. */
    default SharedCell sharedRoot(Frame f) {
        return null;
    }

    static Object own(Object v) {
        if (v instanceof io.picloud.rhai.impl.runtime.RArray a && a.shared) {
            return a.cow();
        }
        if (v instanceof io.picloud.rhai.impl.runtime.RMap m && m.shared) {
            return m.cow();
        }
        if (v instanceof io.picloud.rhai.impl.runtime.RBlob b && b.shared) {
            return b.cow();
        }
        return v;
    }
}
