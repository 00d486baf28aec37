package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.eval.Bits;
import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.Unit;

/** Rhai's BitFieldPackage (bit_field.rs): get_bit, set_bit, get_bits, set_bits. */
final class BitFieldPackage {
    private BitFieldPackage() {
    }

    static void register(FunctionTable t) {
        t.fn("get_bit", 2, BitFieldPackage::getBit);
        t.mut("set_bit", 3, BitFieldPackage::setBit);
        t.fn("get_bits", 3, BitFieldPackage::getBitsStartLen);
        t.fn("get_bits", 2, BitFieldPackage::getBitsRange);
        t.mut("set_bits", 4, BitFieldPackage::setBitsStartLen);
        t.mut("set_bits", 3, BitFieldPackage::setBitsRange);
    }

    /** A bit index: negative counts from the top bit; outside 64 bits is Rhai's bit-field bounds error. */
    static int bit(long i) {
        long idx = i < 0 ? 64 + i : i;
        if (idx < 0 || idx >= 64) {
            throw new EvalError(ErrorKind.BIT_FIELD_BOUNDS, "Bit-field index " + i + " out of bounds: only 64 bits in bit-field");
        }
        return (int) idx;
    }

    /** {@code get_bit(n, index)}. */
    static Object getBit(CallContext c, Object[] a) {
        return a[0] instanceof Long n && a[1] instanceof Long i ? (Object) (((n >>> bit(i)) & 1) == 1) : Args.NO;
    }

    /** {@code set_bit(n, index, on)}: changes the variable. */
    static Object setBit(CallContext c, Object[] a) {
        if (a[0] instanceof Long n && a[1] instanceof Long i && a[2] instanceof Boolean v) {
            int b = bit(i);
            a[0] = v ? n | (1L << b) : n & ~(1L << b);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code get_bits(n, start, len)}: 0 when {@code len <= 0}, before the start is checked (as in Rhai). */
    static Object getBitsStartLen(CallContext c, Object[] a) {
        return a[0] instanceof Long n && a[1] instanceof Long s && a[2] instanceof Long l
                ? (Object) getBits(n, s, l) : Args.NO;
    }

    /** {@code get_bits(n, range)}: the range converted as {@link #rangeStartLen} says. */
    static Object getBitsRange(CallContext c, Object[] a) {
        if (a[0] instanceof Long n && a[1] instanceof RRange r) {
            long[] sl = rangeStartLen(r);
            return getBits(n, sl[0], sl[1]);
        }
        return Args.NO;
    }

    /** {@code set_bits(n, start, len, value)}: changes the variable; nothing when {@code len <= 0}. */
    static Object setBitsStartLen(CallContext c, Object[] a) {
        if (a[0] instanceof Long n && a[1] instanceof Long s && a[2] instanceof Long l && a[3] instanceof Long v) {
            a[0] = l <= 0 ? n : Bits.setBits(n, s, l, v);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code set_bits(n, range, value)}: changes the variable. */
    static Object setBitsRange(CallContext c, Object[] a) {
        if (a[0] instanceof Long n && a[1] instanceof RRange r && a[2] instanceof Long v) {
            long[] sl = rangeStartLen(r);
            a[0] = sl[1] <= 0 ? n : Bits.setBits(n, sl[0], sl[1], v);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    static long getBits(long n, long start, long len) {
        return len <= 0 ? 0 : Bits.getBits(n, start, len);
    }

    /**
     * A range as (start, len), as bit_field.rs converts it: a negative start is 0 and an end before the start
     * is the start, so the length is never negative; an inclusive range ending at bit 64 or above is out of
     * bounds (reported at its end), an exclusive one is cut at the top bit.
     */
    static long[] rangeStartLen(RRange r) {
        long from = Math.max(r.start(), 0);
        if (!r.inclusive()) {
            return new long[] {from, Math.max(r.end(), from) - from};
        }
        long to = Math.max(r.end(), from - 1);
        if (to >= 64) {
            throw new EvalError(ErrorKind.BIT_FIELD_BOUNDS, "Bit-field index " + to + " out of bounds: only 64 bits in bit-field");
        }
        return new long[] {from, to - from + 1};
    }
}
