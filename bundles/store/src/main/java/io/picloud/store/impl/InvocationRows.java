package io.picloud.store.impl;

import io.picloud.api.InvocationRecord;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * Invocation records as rows of PostgreSQL's COPY text format: one line per record, tab-separated, {@code \N} for
 * NULL, backslash escapes. The invocation writer streams a whole batch this way: one statement for the server
 * instead of a bound INSERT per row, and no per-parameter encoding on the writer thread.
 */
final class InvocationRows {
    static final String COPY = "COPY invocations (script, version, trigger, started_at, duration_us, status, "
            + "error_kind, error_message, output, operations) FROM STDIN";

    private InvocationRows() {
    }

    /** The batch as COPY text; {@code output} turns a record's printed lines into JSON text, or null. */
    static String of(List<InvocationRecord> batch, Function<List<String>, String> output) {
        StringBuilder rows = new StringBuilder(batch.size() * 96);
        for (InvocationRecord r : batch) {
            text(rows, r.script()).append('\t');
            rows.append(r.version()).append('\t');
            text(rows, r.trigger() == null ? "unknown" : r.trigger()).append('\t');
            timestamp(rows, r.start() == null ? Instant.now() : r.start()).append('\t');
            rows.append(r.durationMicros()).append('\t');
            text(rows, r.status() == null ? "unknown" : r.status()).append('\t');
            text(rows, r.errorKind()).append('\t');
            text(rows, r.errorMessage()).append('\t');
            text(rows, output.apply(r.output())).append('\t');
            rows.append(r.operations()).append('\n');
        }
        return rows.toString();
    }

    /** Appends {@code yyyy-mm-dd hh:mm:ss.uuuuuu+00} (UTC, microseconds, as timestamptz keeps it) without a formatter. */
    static StringBuilder timestamp(StringBuilder rows, Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        digits(rows, t.getYear(), 4).append('-');
        digits(rows, t.getMonthValue(), 2).append('-');
        digits(rows, t.getDayOfMonth(), 2).append(' ');
        digits(rows, t.getHour(), 2).append(':');
        digits(rows, t.getMinute(), 2).append(':');
        digits(rows, t.getSecond(), 2).append('.');
        return digits(rows, t.getNano() / 1000, 6).append("+00");
    }

    private static StringBuilder digits(StringBuilder rows, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            rows.append('0');
        }
        return rows.append(text);
    }

    /** Appends a text field: NULL as {@code \N}; backslash, tab, newline and carriage return escaped; NUL dropped. */
    private static StringBuilder text(StringBuilder rows, String value) {
        if (value == null) {
            return rows.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                case '\0' -> rows.append('\uFFFD'); // PostgreSQL text cannot hold NUL
                default -> rows.append(c);
            }
        }
        return rows;
    }
}
