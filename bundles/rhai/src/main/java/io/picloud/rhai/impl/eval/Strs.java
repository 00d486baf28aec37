package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.RRange;

/** Character-index helpers for strings (Rhai indexes strings by character, not byte). */
public final class Strs {
    private Strs() {
    }

    public static int len(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Substring by character positions [from, to), clamped. */
    public static String sub(String s, long from, long to) {
        int n = len(s);
        long a = Math.max(0, Math.min(from, n));
        long b = Math.max(a, Math.min(to, n));
        if (n == s.length()) {
            return s.substring((int) a, (int) b);
        }
        int i = s.offsetByCodePoints(0, (int) a);
        int j = s.offsetByCodePoints(i, (int) (b - a));
        return s.substring(i, j);
    }

    public static String subRange(String s, RRange r) {
        long[] se = bounds(len(s), r);
        return sub(s, se[0], se[1]);
    }

    /** Start and exclusive end of a range over n characters; negative bounds count from the end. */
    public static long[] bounds(int n, RRange r) {
        long start = r.start() < 0 ? Math.max(0, n + r.start()) : Math.min(r.start(), n);
        long end = r.end();
        if (end < 0) {
            end = n + end;
            if (r.inclusive() && end <= start) {
                return new long[] {start, start};
            }
        }
        if (r.inclusive() && end != Long.MAX_VALUE) {
            end++;
        }
        end = Math.max(start, Math.min(end, n));
        return new long[] {start, end};
    }
}
