package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RChar;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.util.Locale;

/**
 * The case conversions of Rhai's MoreStringPackage, on strings and chars: to_upper, to_lower (new values),
 * make_upper, make_lower (in place). A char whose conversion gives several chars stays as it is, as in Rhai.
 */
final class StringCaseFunctions {
    private StringCaseFunctions() {
    }

    static void register(FunctionTable t) {
        t.fn("to_upper", 1, (c, a) -> upper(a[0]));
        t.fn("to_lower", 1, (c, a) -> lower(a[0]));
        t.mut("make_upper", 1, StringCaseFunctions::makeUpper);
        t.mut("make_lower", 1, StringCaseFunctions::makeLower);
    }

    static Object upperChar(char ch) {
        String u = String.valueOf(ch).toUpperCase(Locale.ROOT);
        return u.length() == 1 ? u.charAt(0) : ch;
    }

    static Object lowerChar(char ch) {
        String u = String.valueOf(ch).toLowerCase(Locale.ROOT);
        return u.length() == 1 ? u.charAt(0) : ch;
    }

    /** The upper-case form of a string or char; {@link Args#NO} for anything else. */
    static Object upper(Object v) {
        return v instanceof String s ? (Object) s.toUpperCase(Locale.ROOT)
                : v instanceof Character ch ? upperChar(ch)
                : v instanceof RChar r ? Values.charOf(Character.toUpperCase(r.codePoint())) : Args.NO;
    }

    /** The lower-case form of a string or char; {@link Args#NO} for anything else. */
    static Object lower(Object v) {
        return v instanceof String s ? (Object) s.toLowerCase(Locale.ROOT)
                : v instanceof Character ch ? lowerChar(ch)
                : v instanceof RChar r ? Values.charOf(Character.toLowerCase(r.codePoint())) : Args.NO;
    }

    /** {@code make_upper(s)}: the variable becomes its upper-case form. */
    static Object makeUpper(CallContext c, Object[] a) {
        Object v = upper(a[0]);
        if (v == Args.NO) {
            return Args.NO;
        }
        a[0] = v;
        return Unit.UNIT;
    }

    /** {@code make_lower(s)}: the variable becomes its lower-case form. */
    static Object makeLower(CallContext c, Object[] a) {
        Object v = lower(a[0]);
        if (v == Args.NO) {
            return Args.NO;
        }
        a[0] = v;
        return Unit.UNIT;
    }
}
