package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;

/** Rhai's LogicPackage: min and max over INT/FLOAT mixes. */
final class LogicPackage {
    private LogicPackage() {
    }

    static void register(FunctionTable t) {
        t.fn("max", 2, (c, a) -> {
            if (a[0] instanceof Long x && a[1] instanceof Long y) {
                return Math.max(x, y);
            }
            if (Args.isNum(a[0]) && Args.isNum(a[1])) {
                return Math.max(Args.num(a[0]), Args.num(a[1]));
            }
            return Args.NO;
        });
        t.fn("min", 2, (c, a) -> {
            if (a[0] instanceof Long x && a[1] instanceof Long y) {
                return Math.min(x, y);
            }
            if (Args.isNum(a[0]) && Args.isNum(a[1])) {
                return Math.min(Args.num(a[0]), Args.num(a[1]));
            }
            return Args.NO;
        });
        t.fn("not", 1, (c, a) -> a[0] instanceof Boolean b ? (Object) !b : Args.NO);
    }
}
