package io.picloud.rhai.impl.runtime;

/**
 * A string being built by repeated {@code s += x} on a local variable: appends are amortised O(1) and the
 * String is materialised (and cached) when the variable is read. Lives only in frame slots, never escapes.
 */
public final class StrBuf {
    private final StringBuilder sb;
    private String cache;

    public StrBuf(String start) {
        this.sb = new StringBuilder(Math.max(16, start.length() * 2)).append(start);
        this.cache = start;
    }

    public void append(String s) {
        sb.append(s);
        cache = null;
    }

    public int length() {
        return sb.length();
    }

    public String get() {
        String c = cache;
        if (c == null) {
            c = sb.toString();
            cache = c;
        }
        return c;
    }
}
