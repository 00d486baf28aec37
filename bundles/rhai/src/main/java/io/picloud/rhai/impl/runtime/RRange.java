package io.picloud.rhai.impl.runtime;

/** An INT range {@code a..b} (exclusive) or {@code a..=b} (inclusive). */
public record RRange(long start, long end, boolean inclusive) {
    /** Exclusive upper bound, saturating. */
    public long endExclusive() {
        return inclusive ? (end == Long.MAX_VALUE ? Long.MAX_VALUE : end + 1) : end;
    }

    public boolean contains(long v) {
        return v >= start && (inclusive ? v <= end : v < end);
    }

    @Override
    public String toString() {
        return start + (inclusive ? "..=" : "..") + end;
    }
}
