package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RArray;

/**
 * The splitting part of Rhai's MoreStringPackage: {@code split()} (whitespace), {@code split(index)},
 * {@code split(delimiter[, segments])} and {@code split_rev(delimiter[, segments])} with string or char
 * delimiters. They are pure (the string is not changed, so they work on constants too).
 */
final class StringSplitFunctions {
    private StringSplitFunctions() {
    }

    static void register(FunctionTable t) {
        t.fn("split", 1, (c, a) -> a[0] instanceof String s ? (Object) whitespace(s) : Args.NO);
        t.fn("split", 2, StringSplitFunctions::split);
        t.fn("split", 3, StringSplitFunctions::splitN);
        t.fn("split_rev", 2, StringSplitFunctions::splitRev);
        t.fn("split_rev", 3, StringSplitFunctions::splitRevN);
    }

    /** {@code split(s, index)} in two at a position, or {@code split(s, delimiter)} at every delimiter. */
    static Object split(CallContext c, Object[] a) {
        if (!(a[0] instanceof String s)) {
            return Args.NO;
        }
        if (a[1] instanceof Long index) {
            return at(s, index);
        }
        String d = MoreStringPackage.text(a[1]);
        return d == null ? Args.NO : split(s, d, Long.MAX_VALUE);
    }

    /** {@code split(s, delimiter, segments)}: at most that many parts, the last one the unsplit rest. */
    static Object splitN(CallContext c, Object[] a) {
        String d = MoreStringPackage.text(a[1]);
        if (a[0] instanceof String s && d != null && a[2] instanceof Long n) {
            return n <= 1 ? one(s) : split(s, d, n);
        }
        return Args.NO;
    }

    /** {@code split_rev(s, delimiter)}: the parts from the end backwards. */
    static Object splitRev(CallContext c, Object[] a) {
        String d = MoreStringPackage.text(a[1]);
        return a[0] instanceof String s && d != null ? (Object) splitRev(s, d, Long.MAX_VALUE) : Args.NO;
    }

    /** {@code split_rev(s, delimiter, segments)}: at most that many parts, from the end. */
    static Object splitRevN(CallContext c, Object[] a) {
        String d = MoreStringPackage.text(a[1]);
        if (a[0] instanceof String s && d != null && a[2] instanceof Long n) {
            return n <= 1 ? one(s) : splitRev(s, d, n);
        }
        return Args.NO;
    }

    static RArray one(String s) {
        RArray out = new RArray(1);
        out.add(s);
        return out;
    }

    /** Rust's split_whitespace; an empty string gives one empty string. */
    static RArray whitespace(String s) {
        if (s.isEmpty()) {
            return one(s);
        }
        RArray out = new RArray();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && MoreStringPackage.isWhitespace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !MoreStringPackage.isWhitespace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            out.add(s.substring(start, i));
        }
        return out;
    }

    /** {@code split(index)}: two parts at a character position; a negative index counts from the end. */
    static RArray at(String s, long index) {
        RArray out = new RArray(2);
        int n = MoreStringPackage.count(s);
        long cut;
        if (index <= 0) {
            long abs = index == Long.MIN_VALUE ? Long.MAX_VALUE : -index;
            cut = abs > n ? 0 : n - abs;
        } else {
            cut = Math.min(index, n);
        }
        int off = MoreStringPackage.offset(s, (int) cut);
        out.add(s.substring(0, off));
        out.add(s.substring(off));
        return out;
    }

    /** Rust's split / splitn (limit = maximum number of parts). */
    static RArray split(String s, String d, long limit) {
        if (s.isEmpty() || (!d.isEmpty() && !s.contains(d))) {
            return one(s);
        }
        if (d.isEmpty()) {
            return splitEmpty(s, limit, false);
        }
        RArray out = new RArray();
        int from = 0;
        int dl = d.length();
        while (out.size() < limit - 1) {
            int at = s.indexOf(d, from);
            if (at < 0) {
                break;
            }
            out.add(s.substring(from, at));
            from = at + dl;
        }
        out.add(s.substring(from));
        return out;
    }

    /** Rust's rsplit / rsplitn: parts from the end backwards. */
    static RArray splitRev(String s, String d, long limit) {
        if (s.isEmpty() || (!d.isEmpty() && !s.contains(d))) {
            return one(s);
        }
        if (d.isEmpty()) {
            return splitEmpty(s, limit, true);
        }
        RArray out = new RArray();
        int end = s.length();
        int dl = d.length();
        while (out.size() < limit - 1 && end - dl >= 0) {
            int at = s.lastIndexOf(d, end - dl);
            if (at < 0) {
                break;
            }
            out.add(s.substring(at + dl, end));
            end = at;
        }
        out.add(s.substring(0, end));
        return out;
    }

    /**
     * Splitting on the empty string matches at every character boundary: "abc" gives "", "a", "b", "c", "";
     * with a limit the last part is the unsplit rest.
     */
    static RArray splitEmpty(String s, long limit, boolean reverse) {
        int[] cps = s.codePoints().toArray();
        int k = cps.length;
        RArray out = new RArray();
        out.add("");
        if (!reverse) {
            int taken = 0;
            while (out.size() < limit - 1 && taken < k) {
                out.add(new String(cps, taken, 1));
                taken++;
            }
            if (out.size() < limit || taken < k) {
                out.add(new String(cps, taken, k - taken));
            }
        } else {
            int left = k;
            while (out.size() < limit - 1 && left > 0) {
                out.add(new String(cps, left - 1, 1));
                left--;
            }
            if (out.size() < limit || left > 0) {
                out.add(new String(cps, 0, left));
            }
        }
        return out;
    }
}
