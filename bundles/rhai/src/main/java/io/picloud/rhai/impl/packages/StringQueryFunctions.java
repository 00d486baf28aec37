package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.nio.charset.StandardCharsets;

import static io.picloud.rhai.impl.packages.MoreStringPackage.charValue;
import static io.picloud.rhai.impl.packages.MoreStringPackage.count;
import static io.picloud.rhai.impl.packages.MoreStringPackage.offset;
import static io.picloud.rhai.impl.packages.MoreStringPackage.rangeArgs;
import static io.picloud.rhai.impl.packages.MoreStringPackage.subString;
import static io.picloud.rhai.impl.packages.MoreStringPackage.text;

/**
 * The functions of Rhai's MoreStringPackage that read a string without changing it: len, is_empty, bytes,
 * contains, starts_with, ends_with, index_of, get, sub_string, to_chars, to_blob, min, max.
 */
final class StringQueryFunctions {
    private StringQueryFunctions() {
    }

    static void register(FunctionTable t) {
        t.fn("len", 1, (c, a) -> a[0] instanceof String s ? (Object) (long) count(s) : Args.NO);
        t.fn("is_empty", 1, (c, a) -> a[0] instanceof String s ? (Object) s.isEmpty() : Args.NO);
        t.fn("bytes", 1, (c, a) -> a[0] instanceof String s ? (Object) MoreStringPackage.utf8Length(s) : Args.NO);
        t.fn("contains", 2, (c, a) -> a[0] instanceof String s && text(a[1]) != null
                ? (Object) s.contains(text(a[1])) : Args.NO);
        t.fn("starts_with", 2, (c, a) -> a[0] instanceof String s && text(a[1]) != null
                ? (Object) s.startsWith(text(a[1])) : Args.NO);
        t.fn("ends_with", 2, (c, a) -> a[0] instanceof String s && text(a[1]) != null
                ? (Object) s.endsWith(text(a[1])) : Args.NO);
        t.fn("index_of", 2, StringQueryFunctions::indexOf);
        t.fn("index_of", 3, (c, a) -> a[0] instanceof String s && text(a[1]) != null && a[2] instanceof Long st
                ? (Object) MoreStringPackage.indexOf(s, text(a[1]), st) : Args.NO);
        t.fn("get", 2, StringQueryFunctions::get);
        t.fn("sub_string", 3, (c, a) -> a[0] instanceof String s && a[1] instanceof Long st && a[2] instanceof Long l
                ? (Object) subString(s, st, l) : Args.NO);
        t.fn("sub_string", 2, StringQueryFunctions::subStringFrom);
        t.fn("to_chars", 1, StringQueryFunctions::toChars);
        t.fn("to_blob", 1, StringQueryFunctions::toBlob);
        t.fn("min", 2, StringQueryFunctions::min);
        t.fn("max", 2, StringQueryFunctions::max);
    }

    /** {@code index_of(s, find)}: the character position of the first match, or -1. */
    static Object indexOf(CallContext c, Object[] a) {
        if (a[0] instanceof String s && text(a[1]) != null) {
            if (s.isEmpty()) {
                return -1L;
            }
            int at = s.indexOf(text(a[1]));
            return at < 0 ? -1L : (long) s.codePointCount(0, at);
        }
        return Args.NO;
    }

    /** {@code get(s, index)}: the char at the position (negative from the end), or {@code ()}. */
    static Object get(CallContext c, Object[] a) {
        if (a[0] instanceof String s && a[1] instanceof Long p) {
            int n = count(s);
            long i = p;
            if (i < 0) {
                long abs = i == Long.MIN_VALUE ? Long.MAX_VALUE : -i;
                if (abs > n) {
                    return Unit.UNIT;
                }
                i = n - abs;
            }
            return i >= n ? Unit.UNIT : charValue(s.codePointAt(offset(s, (int) i)));
        }
        return Args.NO;
    }

    /** {@code sub_string(s, start)} to the end, or {@code sub_string(s, range)}. */
    static Object subStringFrom(CallContext c, Object[] a) {
        if (!(a[0] instanceof String s)) {
            return Args.NO;
        }
        if (a[1] instanceof Long st) {
            return s.isEmpty() ? "" : subString(s, st, Long.MAX_VALUE);
        }
        long[] r = rangeArgs(a[1]);
        return r == null ? Args.NO : subString(s, r[0], r[1]);
    }

    /** {@code to_chars(s)}: an array of the string's chars. */
    static Object toChars(CallContext c, Object[] a) {
        if (!(a[0] instanceof String s)) {
            return Args.NO;
        }
        RArray out = new RArray(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            out.add(charValue(cp));
            i += Character.charCount(cp);
        }
        return out;
    }

    /** {@code to_blob(s)}: the UTF-8 bytes. */
    static Object toBlob(CallContext c, Object[] a) {
        if (!(a[0] instanceof String s)) {
            return Args.NO;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new RBlob(b.length == 0 ? new byte[8] : b, b.length);
    }

    /** {@code min(x, y)} of two strings or two chars, by code points. */
    static Object min(CallContext c, Object[] a) {
        if ((a[0] instanceof String x && a[1] instanceof String y)) {
            return Values.compareCodePoints(x, y) <= 0 ? x : y;
        }
        if (Values.isChar(a[0]) && Values.isChar(a[1])) {
            return Values.codePoint(a[0]) <= Values.codePoint(a[1]) ? a[0] : a[1];
        }
        return Args.NO;
    }

    /** {@code max(x, y)} of two strings or two chars, by code points. */
    static Object max(CallContext c, Object[] a) {
        if ((a[0] instanceof String x && a[1] instanceof String y)) {
            return Values.compareCodePoints(x, y) >= 0 ? x : y;
        }
        if (Values.isChar(a[0]) && Values.isChar(a[1])) {
            return Values.codePoint(a[0]) >= Values.codePoint(a[1]) ? a[0] : a[1];
        }
        return Args.NO;
    }
}
