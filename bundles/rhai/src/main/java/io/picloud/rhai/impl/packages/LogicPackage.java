package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's LogicPackage (logic.rs): min and max over INT/FLOAT mixes, and not. */
final class LogicPackage {
    private LogicPackage() {
    }

    static void register(FunctionTable t) {
        t.fn("max", 2, LogicPackage::max);
        t.fn("min", 2, LogicPackage::min);
        t.fn("not", 1, LogicPackage::not);
    }

    /** {@code max(x, y)}: INT when both are INT, else FLOAT. */
    static Object max(CallContext c, Object[] a) {
        if (a[0] instanceof Long x && a[1] instanceof Long y) {
            return Math.max(x, y);
        }
        if (Args.isNum(a[0]) && Args.isNum(a[1])) {
            return Math.max(Args.num(a[0]), Args.num(a[1]));
        }
        return Args.NO;
    }

    /** {@code min(x, y)}: INT when both are INT, else FLOAT. */
    static Object min(CallContext c, Object[] a) {
        if (a[0] instanceof Long x && a[1] instanceof Long y) {
            return Math.min(x, y);
        }
        if (Args.isNum(a[0]) && Args.isNum(a[1])) {
            return Math.min(Args.num(a[0]), Args.num(a[1]));
        }
        return Args.NO;
    }

    /** {@code not(b)}: bool only. */
    static Object not(CallContext c, Object[] a) {
        return a[0] instanceof Boolean b ? (Object) !b : Args.NO;
    }
}
