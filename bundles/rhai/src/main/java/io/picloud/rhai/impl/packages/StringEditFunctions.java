package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.nio.charset.StandardCharsets;

import static io.picloud.rhai.impl.packages.MoreStringPackage.charValue;
import static io.picloud.rhai.impl.packages.MoreStringPackage.chars;
import static io.picloud.rhai.impl.packages.MoreStringPackage.count;
import static io.picloud.rhai.impl.packages.MoreStringPackage.maxStringSize;
import static io.picloud.rhai.impl.packages.MoreStringPackage.offset;
import static io.picloud.rhai.impl.packages.MoreStringPackage.rangeArgs;
import static io.picloud.rhai.impl.packages.MoreStringPackage.text;
import static io.picloud.rhai.impl.packages.MoreStringPackage.tooLarge;
import static io.picloud.rhai.impl.packages.MoreStringPackage.utf8Length;
import static io.picloud.rhai.impl.packages.MoreStringPackage.window;

/**
 * The in-place edits of Rhai's MoreStringPackage (the string is taken by reference: the new value goes to
 * {@code args[0]}): set, crop, truncate, clear, trim, remove, replace, pad, pop, append.
 */
final class StringEditFunctions {
    private StringEditFunctions() {
    }

    static void register(FunctionTable t) {
        t.mut("set", 3, StringEditFunctions::set);
        t.mut("crop", 3, StringEditFunctions::crop);
        t.mut("crop", 2, StringEditFunctions::cropFrom);
        t.mut("truncate", 2, StringEditFunctions::truncate);
        t.mut("clear", 1, StringEditFunctions::clear);
        t.mut("trim", 1, StringEditFunctions::trim);
        t.mut("remove", 2, StringEditFunctions::remove);
        t.mut("replace", 3, StringEditFunctions::replace);
        t.mut("pad", 3, StringEditFunctions::pad);
        t.mut("pop", 1, StringEditFunctions::pop);
        t.mut("pop", 2, StringEditFunctions::popN);
        t.mut("append", 2, StringEditFunctions::append);
    }

    /** {@code set(s, index, ch)}: replaces the char at the position; nothing happens when out of bounds. */
    static Object set(CallContext c, Object[] a) {
        if (a[0] instanceof String s && a[1] instanceof Long p && Values.isChar(a[2])) {
            Object ch = a[2];
            int n = count(s);
            long i = p;
            if (i < 0) {
                long abs = i == Long.MIN_VALUE ? Long.MAX_VALUE : -i;
                i = abs <= n ? n - abs : n;
            }
            if (i < n) {
                int at = offset(s, (int) i);
                int end = at + Character.charCount(s.codePointAt(at));
                a[0] = s.substring(0, at) + ch + s.substring(end);
            }
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code crop(s, start, len)}: keeps that part. */
    static Object crop(CallContext c, Object[] a) {
        if (a[0] instanceof String s && a[1] instanceof Long st && a[2] instanceof Long l) {
            a[0] = crop(s, st, l);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code crop(s, start)} to the end, or {@code crop(s, range)}. */
    static Object cropFrom(CallContext c, Object[] a) {
        if (!(a[0] instanceof String s)) {
            return Args.NO;
        }
        if (a[1] instanceof Long st) {
            a[0] = crop(s, st, Long.MAX_VALUE);
            return Unit.UNIT;
        }
        long[] r = rangeArgs(a[1]);
        if (r == null) {
            return Args.NO;
        }
        a[0] = crop(s, r[0], r[1]);
        return Unit.UNIT;
    }

    /** {@code truncate(s, len)}: keeps the first {@code len} chars. */
    static Object truncate(CallContext c, Object[] a) {
        if (a[0] instanceof String s && a[1] instanceof Long len) {
            if (len <= 0) {
                a[0] = "";
            } else if (len < s.length()) {
                int n = count(s);
                if (len < n) {
                    a[0] = chars(s, n, 0, (int) (long) len);
                }
            }
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code clear(s)}. */
    static Object clear(CallContext c, Object[] a) {
        if (a[0] instanceof String) {
            a[0] = "";
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code trim(s)}: drops leading and trailing Unicode whitespace. */
    static Object trim(CallContext c, Object[] a) {
        if (a[0] instanceof String s) {
            a[0] = MoreStringPackage.trim(s);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code remove(s, sub)}: drops every occurrence of a string or char. */
    static Object remove(CallContext c, Object[] a) {
        if (a[0] instanceof String s && text(a[1]) != null) {
            String sub = text(a[1]);
            if (!sub.isEmpty() && !s.isEmpty()) {
                a[0] = s.replace(sub, "");
            }
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code replace(s, find, sub)}: every occurrence; strings or chars. */
    static Object replace(CallContext c, Object[] a) {
        if (a[0] instanceof String s && text(a[1]) != null && text(a[2]) != null) {
            if (!s.isEmpty()) {
                a[0] = replace(s, text(a[1]), text(a[2]));
            }
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code pad(s, len, padding)}: grows to {@code len} chars with the padding (string or char). */
    static Object pad(CallContext c, Object[] a) {
        if (a[0] instanceof String s && a[1] instanceof Long len && text(a[2]) != null) {
            a[0] = pad(c, s, len, text(a[2]));
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code pop(s)}: removes and returns the last char, or {@code ()}. */
    static Object pop(CallContext c, Object[] a) {
        if (a[0] instanceof String s) {
            if (s.isEmpty()) {
                return Unit.UNIT;
            }
            int cp = s.codePointBefore(s.length());
            a[0] = s.substring(0, s.length() - Character.charCount(cp));
            return charValue(cp);
        }
        return Args.NO;
    }

    /** {@code pop(s, len)}: removes and returns the last {@code len} chars. */
    static Object popN(CallContext c, Object[] a) {
        if (a[0] instanceof String s && a[1] instanceof Long len) {
            if (s.isEmpty() || len <= 0) {
                return "";
            }
            int n = count(s);
            if (len < n) {
                int cut = offset(s, (int) (n - len));
                a[0] = s.substring(0, cut);
                return s.substring(cut);
            }
            a[0] = "";
            return s;
        }
        return Args.NO;
    }

    /** {@code append(s, x)}: the display form of any value, or the UTF-8 text of a BLOB. */
    static Object append(CallContext c, Object[] a) {
        if (!(a[0] instanceof String s)) {
            return Args.NO;
        }
        String more = a[1] instanceof RBlob b ? new String(b.data, 0, b.size, StandardCharsets.UTF_8)
                : Values.toStr(Values.unshare(a[1]));
        if (!more.isEmpty()) {
            a[0] = s + more;
        }
        return Unit.UNIT;
    }

    static String crop(String s, long start, long len) {
        if (s.isEmpty()) {
            return s;
        }
        if (len <= 0) {
            return "";
        }
        int n = count(s);
        int[] w = window(n, start, len);
        return w == null ? "" : chars(s, n, w[0], w[1]);
    }

    static String replace(String s, String find, String sub) {
        if (!find.isEmpty()) {
            return s.replace(find, sub);
        }
        // Rust inserts the substitute at every character boundary (never inside a surrogate pair)
        StringBuilder sb = new StringBuilder(s.length() + (s.length() + 1) * sub.length());
        sb.append(sub);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            sb.appendCodePoint(cp).append(sub);
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    static String pad(CallContext c, String s, long len, String padding) {
        if (len <= 0) {
            return s;
        }
        int max = maxStringSize(c);
        if ((max > 0 && len > max) || len > Integer.MAX_VALUE - 16) {
            throw tooLarge();
        }
        int n = count(s);
        if (len <= n || padding.isEmpty()) {
            return s;
        }
        int plen = count(padding);
        StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, s.length() + (len - n) * 2));
        sb.append(s);
        long have = n;
        while (have < len) {
            if (have + plen <= len) {
                sb.append(padding);
                have += plen;
            } else {
                sb.append(chars(padding, plen, 0, (int) (len - have)));
                have = len;
            }
        }
        String out = sb.toString();
        if (max > 0 && utf8Length(out) > max) {
            throw tooLarge();
        }
        return out;
    }
}
