package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** Rhai's LanguageCorePackage: tag, take, sleep, parse_json. */
final class LanguageCorePackage {
    private LanguageCorePackage() {
    }

    static void register(FunctionTable t) {
        t.fn("tag", 1, (c, a) -> 0L);
        t.mut("set_tag", 2, (c, a) -> {
            if (!(a[1] instanceof Long v)) {
                return Args.NO;
            }
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw EvalError.arithmetic("Tag value out of range: " + v);
            }
            return Unit.UNIT;
        });
        t.mut("take", 1, (c, a) -> {
            Object v = a[0];
            a[0] = Unit.UNIT;
            return v;
        });
        t.fn("sleep", 1, (c, a) -> {
            if (!Args.isNum(a[0])) {
                return Args.NO;
            }
            long ms = (long) (Args.num(a[0]) * 1000);
            long end = System.currentTimeMillis() + Math.max(0, ms);
            while (System.currentTimeMillis() < end) {
                c.tick();
                try {
                    Thread.sleep(Math.min(10, Math.max(1, end - System.currentTimeMillis())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    c.tick();
                }
            }
            return Unit.UNIT;
        });
        t.fn("parse_json", 1, (c, a) -> {
            if (!(a[0] instanceof String s)) {
                return Args.NO;
            }
            Object v = Json.parse(s);
            if (!(v instanceof RMap)) {
                throw new EvalError(ErrorKind.MISMATCH_OUTPUT_TYPE, "Output type incorrect: " + Values.typeName(v)
                        + " (expecting map)");
            }
            return v;
        });
    }
}
