package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.eval.Bits;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.Unit;

/** Rhai's BitFieldPackage: get_bit, set_bit, get_bits, set_bits. */
final class BitFieldPackage {
    private BitFieldPackage() {
    }

    static int bit(long i) {
        long idx = i < 0 ? 64 + i : i;
        if (idx < 0 || idx >= 64) {
            throw new EvalError(ErrorKind.BIT_FIELD_BOUNDS, "Bit-field index " + i + " out of bounds: only 64 bits in bit-field");
        }
        return (int) idx;
    }

    static void register(FunctionTable t) {
        t.fn("get_bit", 2, (c, a) -> a[0] instanceof Long n && a[1] instanceof Long i
                ? (Object) (((n >>> bit(i)) & 1) == 1) : Args.NO);
        t.mut("set_bit", 3, (c, a) -> {
            if (a[0] instanceof Long n && a[1] instanceof Long i && a[2] instanceof Boolean v) {
                int b = bit(i);
                a[0] = v ? n | (1L << b) : n & ~(1L << b);
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.fn("get_bits", 3, (c, a) -> a[0] instanceof Long n && a[1] instanceof Long s && a[2] instanceof Long l
                ? (Object) Bits.getBits(n, s, l) : Args.NO);
        t.fn("get_bits", 2, (c, a) -> a[0] instanceof Long n && a[1] instanceof RRange r
                ? (Object) Bits.getBits(n, r) : Args.NO);
        t.mut("set_bits", 4, (c, a) -> {
            if (a[0] instanceof Long n && a[1] instanceof Long s && a[2] instanceof Long l && a[3] instanceof Long v) {
                a[0] = Bits.setBits(n, s, l, v);
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("set_bits", 3, (c, a) -> {
            if (a[0] instanceof Long n && a[1] instanceof RRange r && a[2] instanceof Long v) {
                a[0] = Bits.setBits(n, r, v);
                return Unit.UNIT;
            }
            return Args.NO;
        });
    }
}
