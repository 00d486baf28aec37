package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's ArithmeticPackage (arithmetic.rs): abs, sign, is_zero, is_odd, is_even. */
final class ArithmeticPackage {
    private ArithmeticPackage() {
    }

    static void register(FunctionTable t) {
        t.fn("abs", 1, ArithmeticPackage::abs);
        t.fn("sign", 1, ArithmeticPackage::sign);
        t.fn("is_zero", 1, ArithmeticPackage::isZero);
        t.fn("is_odd", 1, ArithmeticPackage::isOdd);
        t.fn("is_even", 1, ArithmeticPackage::isEven);
    }

    /** {@code abs(x)}: INT or FLOAT; the INT minimum has no absolute value (Rhai checks the negation). */
    static Object abs(CallContext c, Object[] a) {
        if (a[0] instanceof Long x) {
            if (x == Long.MIN_VALUE) {
                throw EvalError.arithmetic("Negation overflow: -" + x);
            }
            return Math.abs(x);
        }
        return a[0] instanceof Double d ? Math.abs(d) : Args.NO;
    }

    /** {@code sign(x)}: -1, 0 or 1; NaN has no sign (Rhai's words). */
    static Object sign(CallContext c, Object[] a) {
        if (a[0] instanceof Long x) {
            return (long) Long.signum(x);
        }
        if (a[0] instanceof Double d) {
            if (d.isNaN()) {
                throw EvalError.arithmetic("Sign of NaN is undefined");
            }
            return d == 0 ? 0L : d > 0 ? 1L : -1L;
        }
        return Args.NO;
    }

    /** {@code is_zero(x)}: INT or FLOAT ({@code -0.0} is zero). */
    static Object isZero(CallContext c, Object[] a) {
        return a[0] instanceof Long x ? (Object) (x == 0)
                : a[0] instanceof Double d ? (Object) (d == 0.0) : Args.NO;
    }

    /** {@code is_odd(x)}: INT only. */
    static Object isOdd(CallContext c, Object[] a) {
        return a[0] instanceof Long x ? (Object) ((x & 1) != 0) : Args.NO;
    }

    /** {@code is_even(x)}: INT only. */
    static Object isEven(CallContext c, Object[] a) {
        return a[0] instanceof Long x ? (Object) ((x & 1) == 0) : Args.NO;
    }
}
