package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.NativeFn;

/** Small argument helpers for package functions. */
final class Args {
    static final Object NO = NativeFn.NO_MATCH;

    private Args() {
    }

    static boolean isInt(Object o) {
        return o instanceof Long;
    }

    static boolean isNum(Object o) {
        return o instanceof Long || o instanceof Double;
    }

    static double num(Object o) {
        return o instanceof Long l ? (double) l : (Double) o;
    }

    static long clampIndex(long i, long len) {
        if (i < 0) {
            i = len + i;
            if (i < 0) {
                i = 0;
            }
        }
        return Math.min(i, len);
    }

    static int toInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
