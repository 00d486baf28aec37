package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.Values;

/** What the literal nodes ({@link Const}, {@link ArrayLit}, {@link MapLit}, {@link Template}) share. */
public final class Literals {
    private Literals() {
    }

    /** A value that is evaluated only once and then treated as read-only (used for strings in loops). */
    static Object shareIfContainer(Object v) {
        Values.markShared(v);
        return v;
    }
}
