package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RChar;
import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.Values;

/**
 * Rhai's MoreStringPackage (string_more.rs). Positions are character (code point) positions; a negative start
 * counts from the end; lengths are clamped. Functions that take the string by reference ({@code t.mut}) replace
 * {@code args[0]} and the caller writes it back. This class holds the helpers; the functions are in
 * {@link StringQueryFunctions}, {@link StringEditFunctions} (in-place edits), {@link StringCaseFunctions} and
 * {@link StringSplitFunctions}.
 */
final class MoreStringPackage {
    private MoreStringPackage() {
    }

    static void register(FunctionTable t) {
        StringQueryFunctions.register(t);
        StringEditFunctions.register(t);
        StringCaseFunctions.register(t);
        StringSplitFunctions.register(t);
    }

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
}
