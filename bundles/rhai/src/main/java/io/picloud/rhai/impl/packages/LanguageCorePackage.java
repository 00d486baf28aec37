package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** Rhai's LanguageCorePackage (lang_core.rs): tag, set_tag, take, sleep, parse_json. */
final class LanguageCorePackage {
    private LanguageCorePackage() {
    }

    static void register(FunctionTable t) {
        t.fn("tag", 1, LanguageCorePackage::tag);
        t.mut("set_tag", 2, LanguageCorePackage::setTag);
        t.mut("take", 1, LanguageCorePackage::take);
        t.fn("sleep", 1, LanguageCorePackage::sleep);
        t.fn("parse_json", 1, LanguageCorePackage::parseJson);
    }

    /** {@code tag(value)}: values carry no tag here, so always 0 (what Rhai gives an untagged value). */
    static Object tag(CallContext c, Object[] a) {
        return 0L;
    }

    /** {@code set_tag(value, tag)}: checks the tag's range (Rhai's {@code Tag} is an i32) and keeps nothing. */
    static Object setTag(CallContext c, Object[] a) {
        if (!(a[1] instanceof Long v)) {
            return Args.NO;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            String what = v < Integer.MIN_VALUE ? " is too small" : " is too large";
            throw EvalError.arithmetic(v + what + " to fit into a tag (must be between " + Integer.MIN_VALUE
                    + " and " + Integer.MAX_VALUE + ")");
        }
        return Unit.UNIT;
    }

    /** {@code take(var)}: the value, leaving {@code ()} in its place. */
    static Object take(CallContext c, Object[] a) {
        Object v = a[0];
        a[0] = Unit.UNIT;
        return v;
    }

    /**
     * {@code sleep(seconds)}: waits in short steps, counting operations so the deadline can end the wait. Asks the
     * run first whether it may block ({@link CallContext#beforeBlocking}); listed in {@link Packages#BLOCKING}.
     */
    static Object sleep(CallContext c, Object[] a) {
        if (!Args.isNum(a[0])) {
            return Args.NO;
        }
        c.beforeBlocking("sleep");
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
    }

    /** {@code parse_json(text)}: an object map; any other JSON value is Rhai's output type mismatch. */
    static Object parseJson(CallContext c, Object[] a) {
        if (!(a[0] instanceof String s)) {
            return Args.NO;
        }
        Object v = Json.parse(s);
        if (!(v instanceof RMap)) {
            throw new EvalError(ErrorKind.MISMATCH_OUTPUT_TYPE, "Output type incorrect: " + Values.typeName(v)
                    + " (expecting map)");
        }
        return v;
    }
}
