package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.RChar;
import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Rhai's MoreStringPackage (string_more.rs). Positions are character (code point) positions; a negative start
 * counts from the end; lengths are clamped. Functions that take the string by reference ({@code t.mut}) replace
 * {@code args[0]} and the caller writes it back. In-place edits live in {@link StringEditFunctions}, splitting in
 * {@link StringSplitFunctions}.
 */
final class MoreStringPackage {
    private MoreStringPackage() {
    }

    static void register(FunctionTable t) {
        registerQueries(t);
        StringEditFunctions.register(t);
        registerCase(t);
        StringSplitFunctions.register(t);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** A string or char argument as a string, else null. */
    static String text(Object o) {
        if (o instanceof String s) {
            return s;
        }
        return o instanceof Character ch ? String.valueOf(ch) : o instanceof RChar r ? r.toString() : null;
    }

    static int count(String s) {
        return s.codePointCount(0, s.length());
    }

    /** UTF-16 offset of character position {@code pos} (0 <= pos <= count). */
    static int offset(String s, int pos) {
        return s.offsetByCodePoints(0, pos);
    }

    /** The characters [from, from + len) of a string whose character count is {@code n}. */
    static String chars(String s, int n, int from, int len) {
        if (n == s.length()) {
            return s.substring(from, from + len);
        }
        int i = offset(s, from);
        return s.substring(i, s.offsetByCodePoints(i, len));
    }

    /** A char value for a code point (BMP chars are Characters; others stay one-code-point strings). */
    static Object charValue(int cp) {
        return Values.charOf(cp);
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                n++;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * Rhai's sub_string/crop window: {start, len} in characters, or null for "empty". {@code len} is clamped to
     * what is left after the start; a start past the end gives null.
     */
    static int[] window(int n, long start, long len) {
        long off;
        if (start < 0) {
            long abs = start == Long.MIN_VALUE ? Long.MAX_VALUE : -start;
            off = abs > n ? 0 : n - abs;
        } else if (start >= n) {
            return null;
        } else {
            off = start;
        }
        long l = len > n - off ? n - off : len;
        return new int[] {(int) off, (int) l};
    }

    /** Rhai's conversion of a range argument to (start, len); null when the argument is not a range. */
    static long[] rangeArgs(Object r) {
        if (!(r instanceof RRange range)) {
            return null;
        }
        long start = Math.max(range.start(), 0);
        if (range.inclusive()) {
            long end = Math.min(Math.max(range.end(), start), Long.MAX_VALUE - 1);
            return new long[] {start, end - start + 1};
        }
        long end = Math.max(range.end(), start);
        return new long[] {start, end - start};
    }

    static String subString(String s, long start, long len) {
        if (s.isEmpty() || len <= 0) {
            return "";
        }
        int n = count(s);
        int[] w = window(n, start, len);
        return w == null ? "" : chars(s, n, w[0], w[1]);
    }

    /** Rhai's index_of with a start position: -1 when absent. */
    static long indexOf(String s, String find, long start) {
        if (s.isEmpty()) {
            return -1;
        }
        int from;
        if (start < 0) {
            int n = count(s);
            long abs = start == Long.MIN_VALUE ? Long.MAX_VALUE : -start;
            from = abs > n ? 0 : offset(s, (int) (n - abs));
        } else if (start == 0) {
            from = 0;
        } else {
            int n = count(s);
            if (start >= n) {
                return -1;
            }
            from = offset(s, (int) start);
        }
        int at = s.indexOf(find, from);
        return at < 0 ? -1 : s.codePointCount(0, at);
    }

    static int maxStringSize(io.picloud.rhai.impl.runtime.CallContext c) {
        return c instanceof io.picloud.rhai.impl.eval.Context ctx ? ctx.limits.maxStringSize() : 0;
    }

    static EvalError tooLarge() {
        return new EvalError(ErrorKind.DATA_TOO_LARGE, "Length of string too large");
    }

    /** Unicode White_Space, as Rust's char::is_whitespace. */
    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    static String trim(String s) {
        int i = 0;
        int j = s.length();
        while (i < j && isWhitespace(s.codePointAt(i))) {
            i += Character.charCount(s.codePointAt(i));
        }
        while (j > i && isWhitespace(s.codePointBefore(j))) {
            j -= Character.charCount(s.codePointBefore(j));
        }
        return i == 0 && j == s.length() ? s : s.substring(i, j);
    }

    // ---- queries ------------------------------------------------------------------------------------------

    private static void registerQueries(FunctionTable t) {
        t.fn("len", 1, (c, a) -> a[0] instanceof String s ? (Object) (long) count(s) : Args.NO);
        t.fn("is_empty", 1, (c, a) -> a[0] instanceof String s ? (Object) s.isEmpty() : Args.NO);
        t.fn("bytes", 1, (c, a) -> a[0] instanceof String s ? (Object) utf8Length(s) : Args.NO);
        t.fn("contains", 2, (c, a) -> a[0] instanceof String s && text(a[1]) != null
                ? (Object) s.contains(text(a[1])) : Args.NO);
        t.fn("starts_with", 2, (c, a) -> a[0] instanceof String s && text(a[1]) != null
                ? (Object) s.startsWith(text(a[1])) : Args.NO);
        t.fn("ends_with", 2, (c, a) -> a[0] instanceof String s && text(a[1]) != null
                ? (Object) s.endsWith(text(a[1])) : Args.NO);
        t.fn("index_of", 2, (c, a) -> {
            if (a[0] instanceof String s && text(a[1]) != null) {
                if (s.isEmpty()) {
                    return -1L;
                }
                int at = s.indexOf(text(a[1]));
                return at < 0 ? -1L : (long) s.codePointCount(0, at);
            }
            return Args.NO;
        });
        t.fn("index_of", 3, (c, a) -> a[0] instanceof String s && text(a[1]) != null && a[2] instanceof Long st
                ? (Object) indexOf(s, text(a[1]), st) : Args.NO);
        t.fn("get", 2, (c, a) -> {
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
        });
        t.fn("sub_string", 3, (c, a) -> a[0] instanceof String s && a[1] instanceof Long st && a[2] instanceof Long l
                ? (Object) subString(s, st, l) : Args.NO);
        t.fn("sub_string", 2, (c, a) -> {
            if (!(a[0] instanceof String s)) {
                return Args.NO;
            }
            if (a[1] instanceof Long st) {
                return s.isEmpty() ? "" : subString(s, st, Long.MAX_VALUE);
            }
            long[] r = rangeArgs(a[1]);
            return r == null ? Args.NO : subString(s, r[0], r[1]);
        });
        t.fn("to_chars", 1, (c, a) -> {
            if (!(a[0] instanceof String s)) {
                return Args.NO;
            }
            io.picloud.rhai.impl.runtime.RArray out = new io.picloud.rhai.impl.runtime.RArray(s.length());
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                out.add(charValue(cp));
                i += Character.charCount(cp);
            }
            return out;
        });
        t.fn("to_blob", 1, (c, a) -> {
            if (!(a[0] instanceof String s)) {
                return Args.NO;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return new RBlob(b.length == 0 ? new byte[8] : b, b.length);
        });
        t.fn("min", 2, (c, a) -> {
            if ((a[0] instanceof String x && a[1] instanceof String y)) {
                return Values.compareCodePoints(x, y) <= 0 ? x : y;
            }
            if (Values.isChar(a[0]) && Values.isChar(a[1])) {
                return Values.codePoint(a[0]) <= Values.codePoint(a[1]) ? a[0] : a[1];
            }
            return Args.NO;
        });
        t.fn("max", 2, (c, a) -> {
            if ((a[0] instanceof String x && a[1] instanceof String y)) {
                return Values.compareCodePoints(x, y) >= 0 ? x : y;
            }
            if (Values.isChar(a[0]) && Values.isChar(a[1])) {
                return Values.codePoint(a[0]) >= Values.codePoint(a[1]) ? a[0] : a[1];
            }
            return Args.NO;
        });
    }

    // ---- case ---------------------------------------------------------------------------------------------

    static Object upperChar(char ch) {
        String u = String.valueOf(ch).toUpperCase(Locale.ROOT);
        return u.length() == 1 ? u.charAt(0) : ch;
    }

    static Object lowerChar(char ch) {
        String u = String.valueOf(ch).toLowerCase(Locale.ROOT);
        return u.length() == 1 ? u.charAt(0) : ch;
    }

    private static void registerCase(FunctionTable t) {
        t.fn("to_upper", 1, (c, a) -> a[0] instanceof String s ? (Object) s.toUpperCase(Locale.ROOT)
                : a[0] instanceof Character ch ? upperChar(ch)
                : a[0] instanceof RChar r ? Values.charOf(Character.toUpperCase(r.codePoint())) : Args.NO);
        t.fn("to_lower", 1, (c, a) -> a[0] instanceof String s ? (Object) s.toLowerCase(Locale.ROOT)
                : a[0] instanceof Character ch ? lowerChar(ch)
                : a[0] instanceof RChar r ? Values.charOf(Character.toLowerCase(r.codePoint())) : Args.NO);
        t.mut("make_upper", 1, (c, a) -> {
            if (a[0] instanceof String s) {
                a[0] = s.toUpperCase(Locale.ROOT);
            } else if (a[0] instanceof Character ch) {
                a[0] = upperChar(ch);
            } else if (a[0] instanceof RChar r) {
                a[0] = Values.charOf(Character.toUpperCase(r.codePoint()));
            } else {
                return Args.NO;
            }
            return Unit.UNIT;
        });
        t.mut("make_lower", 1, (c, a) -> {
            if (a[0] instanceof String s) {
                a[0] = s.toLowerCase(Locale.ROOT);
            } else if (a[0] instanceof Character ch) {
                a[0] = lowerChar(ch);
            } else if (a[0] instanceof RChar r) {
                a[0] = Values.charOf(Character.toLowerCase(r.codePoint()));
            } else {
                return Args.NO;
            }
            return Unit.UNIT;
        });
    }
}
