package io.picloud.store.impl;

import io.picloud.api.InvocationRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A write batch of invocation records as rows of {@code invocation_batches} (one per script, each column an array
 * with one element per run, in arrival order) in PostgreSQL's binary COPY format: no number or timestamp is
 * formatted here nor parsed by the server, which matters while this writer shares a few cores with the requests.
 */
final class InvocationRows {
    static final String COPY = "COPY invocation_batches (script, runs, newest_start, version, trigger, started_at, "
            + "duration_us, status, error_kind, error_message, output, operations, source, error_line, error_column, ref) "
            + "FROM STDIN WITH (FORMAT binary)";

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short FIELDS = 16;
    /** timestamptz counts microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    private static final int INT4_OID = 23;
    private static final int INT8_OID = 20;
    private static final int TEXT_OID = 25;
    private static final int TIMESTAMPTZ_OID = 1184;

    private ByteBuffer out;

    private InvocationRows(int capacity) {
        out = ByteBuffer.allocate(capacity);
    }

    /** The batch as a binary COPY stream; {@code output} turns a record's printed lines into JSON text, or null. */
    static byte[] of(List<InvocationRecord> batch, Function<List<String>, String> output) {
        InvocationRows rows = new InvocationRows(64 + batch.size() * 112);
        rows.room(SIGNATURE.length + 8).put(SIGNATURE).putInt(0).putInt(0); // no flags, no header extension
        for (Map.Entry<String, List<InvocationRecord>> script : byScript(batch).entrySet()) {
            rows.row(script.getKey(), script.getValue(), output);
        }
        rows.room(2).putShort((short) -1);
        return Arrays.copyOf(rows.out.array(), rows.out.position());
    }

    private static Map<String, List<InvocationRecord>> byScript(List<InvocationRecord> batch) {
        if (oneScript(batch)) {
            return Map.of(batch.get(0).script(), batch); // the usual batch under load: no copy
        }
        Map<String, List<InvocationRecord>> byScript = new LinkedHashMap<>();
        for (InvocationRecord r : batch) {
            byScript.computeIfAbsent(r.script(), s -> new ArrayList<>()).add(r);
        }
        return byScript;
    }

    private static boolean oneScript(List<InvocationRecord> batch) {
        if (batch.isEmpty()) {
            return false;
        }
        String first = batch.get(0).script();
        for (InvocationRecord r : batch) {
            if (!first.equals(r.script())) {
                return false;
            }
        }
        return true;
    }

    private void row(String script, List<InvocationRecord> runs, Function<List<String>, String> output) {
        room(2).putShort(FIELDS);
        text(script);
        room(8).putInt(4).putInt(runs.size());
        long newest = Long.MIN_VALUE;
        for (InvocationRecord r : runs) {
            newest = Math.max(newest, micros(r));
        }
        room(12).putInt(8).putLong(newest);
        longs(runs, INT4_OID, 4, InvocationRecord::version);
        texts(runs, r -> r.trigger() == null ? "unknown" : r.trigger());
        longs(runs, TIMESTAMPTZ_OID, 8, InvocationRows::micros);
        longs(runs, INT8_OID, 8, InvocationRecord::durationMicros);
        texts(runs, r -> r.status() == null ? "unknown" : r.status());
        texts(runs, InvocationRecord::errorKind);
        texts(runs, InvocationRecord::errorMessage);
        texts(runs, r -> output.apply(r.output()));
        longs(runs, INT8_OID, 8, InvocationRecord::operations);
        texts(runs, InvocationRecord::source);
        longs(runs, INT4_OID, 4, InvocationRecord::line);
        longs(runs, INT4_OID, 4, InvocationRecord::column);
        texts(runs, InvocationRecord::ref);
    }

    /** Microseconds since PostgreSQL's epoch, as timestamptz stores them (sub-microsecond digits dropped). */
    static long micros(Instant instant) {
        return (instant.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + instant.getNano() / 1_000;
    }

    private static long micros(InvocationRecord r) {
        return micros(r.start() == null ? Instant.EPOCH : r.start());
    }

    /** A one-dimensional array field of int4 ({@code width} 4), int8 or timestamptz ({@code width} 8). */
    private void longs(List<InvocationRecord> runs, int oid, int width, ToLongFunction<InvocationRecord> value) {
        int bytes = 20 + runs.size() * (4 + width);
        ByteBuffer buffer = room(4 + bytes).putInt(bytes);
        arrayHeader(buffer, false, oid, runs.size());
        for (InvocationRecord r : runs) {
            buffer.putInt(width);
            if (width == 4) {
                buffer.putInt((int) value.applyAsLong(r));
            } else {
                buffer.putLong(value.applyAsLong(r));
            }
        }
    }

    /** A one-dimensional text array field; null elements are SQL NULLs. */
    private void texts(List<InvocationRecord> runs, Function<InvocationRecord, String> value) {
        int lengthAt = room(4).position();
        out.putInt(0); // the field's length, filled in below
        int start = out.position();
        String[] values = new String[runs.size()];
        boolean nulls = false;
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(runs.get(i));
            nulls |= values[i] == null;
        }
        arrayHeader(room(20), nulls, TEXT_OID, values.length);
        for (String v : values) {
            text(v);
        }
        out.putInt(lengthAt, out.position() - start);
    }

    private static void arrayHeader(ByteBuffer buffer, boolean hasNulls, int oid, int length) {
        buffer.putInt(1).putInt(hasNulls ? 1 : 0).putInt(oid).putInt(length).putInt(1); // 1 dimension from index 1
    }

    /** A text value with its length; null as length -1. */
    private void text(String value) {
        if (value == null) {
            room(4).putInt(-1);
            return;
        }
        if (!ascii(value)) {
            byte[] bytes = clean(value).getBytes(StandardCharsets.UTF_8);
            room(4 + bytes.length).putInt(bytes.length).put(bytes);
            return;
        }
        // names, triggers and statuses: written as they are, without an encoded copy per value
        ByteBuffer buffer = room(4 + value.length()).putInt(value.length());
        for (int i = 0; i < value.length(); i++) {
            buffer.put((byte) value.charAt(i));
        }
    }

    /** ASCII without NUL: its UTF-8 bytes are its chars. */
    private static boolean ascii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** PostgreSQL text cannot hold NUL characters (nor can JSON text escape one for jsonb). */
    static String clean(String value) {
        return value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
    }

    private ByteBuffer room(int bytes) {
        if (out.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes));
            out.flip();
            out = bigger.put(out);
        }
        return out;
    }
}
