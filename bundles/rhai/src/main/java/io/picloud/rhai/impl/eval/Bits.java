package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.RRange;

/** Bit-field access on INT values. */
public final class Bits {
    private Bits() {
    }

    static long[] span(long start, long len) {
        long s = start < 0 ? 64 + start : start;
        if (s < 0 || s >= 64) {
            throw new EvalError(ErrorKind.BIT_FIELD_BOUNDS, "Bit-field index " + start + " out of bounds: only 64 bits in bit-field");
        }
        if (len < 0) {
            len = 0;
        }
        long l = Math.min(len, 64 - s);
        return new long[] {s, l};
    }

    public static long getBits(long n, long start, long len) {
        long[] sp = span(start, len);
        if (sp[1] == 0) {
            return 0;
        }
        long v = n >>> sp[0];
        return sp[1] >= 64 ? v : v & ((1L << sp[1]) - 1);
    }

    static void checkRange(RRange r) {
        long end = r.inclusive() ? r.end() + 1 : r.end();
        if (r.start() < 0 || r.start() >= 64 || end > 64) {
            throw new EvalError(ErrorKind.BIT_FIELD_BOUNDS, "Bit-field range " + r + " out of bounds: only 64 bits in bit-field");
        }
    }

    public static long getBits(long n, RRange r) {
        checkRange(r);
        long end = r.inclusive() ? r.end() + 1 : r.end();
        return getBits(n, r.start(), end - r.start());
    }

    public static long setBits(long n, long start, long len, long value) {
        long[] sp = span(start, len);
        if (sp[1] == 0) {
            return n;
        }
        long mask = sp[1] >= 64 ? -1L : ((1L << sp[1]) - 1);
        return (n & ~(mask << sp[0])) | ((value & mask) << sp[0]);
    }

    public static long setBits(long n, RRange r, long value) {
        checkRange(r);
        long end = r.inclusive() ? r.end() + 1 : r.end();
        return setBits(n, r.start(), end - r.start(), value);
    }
}
