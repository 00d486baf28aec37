package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's ArithmeticPackage: abs, sign, is_zero, is_odd, is_even. */
final class ArithmeticPackage {
    private ArithmeticPackage() {
    }

    static void register(FunctionTable t) {
        t.fn("abs", 1, (c, a) -> {
            if (a[0] instanceof Long x) {
                if (x == Long.MIN_VALUE) {
                    throw EvalError.arithmetic("Negation overflow: -" + x);
                }
                return Math.abs(x);
            }
            return a[0] instanceof Double d ? Math.abs(d) : Args.NO;
        });
        t.fn("sign", 1, (c, a) -> {
            if (a[0] instanceof Long x) {
                return (long) Long.signum(x);
            }
            if (a[0] instanceof Double d) {
                if (d.isNaN()) {
                    throw EvalError.arithmetic("Cannot get sign of NaN");
                }
                return d == 0 ? 0L : d > 0 ? 1L : -1L;
            }
            return Args.NO;
        });
        t.fn("is_zero", 1, (c, a) -> a[0] instanceof Long x ? (Object) (x == 0)
                : a[0] instanceof Double d ? (Object) (d == 0.0) : Args.NO);
        t.fn("is_odd", 1, (c, a) -> a[0] instanceof Long x ? (Object) ((x & 1) != 0) : Args.NO);
        t.fn("is_even", 1, (c, a) -> a[0] instanceof Long x ? (Object) ((x & 1) == 0) : Args.NO);
    }
}
