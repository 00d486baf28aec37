package io.picloud.store.impl;

import io.picloud.api.InvocationRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Invocation records in PostgreSQL's binary COPY format: the invocation writer streams a whole batch as one COPY
 * instead of a bound INSERT per row. Binary rather than text because numbers and timestamps then need no
 * formatting here nor parsing in the server: under load this writer is on the same few cores as the requests.
 */
final class InvocationRows {
    static final String COPY = "COPY invocations (script, version, trigger, started_at, duration_us, status, "
            + "error_kind, error_message, output, operations) FROM STDIN WITH (FORMAT binary)";

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final short FIELDS = 10;
    /** timestamptz counts microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    private static final byte JSONB_VERSION = 1;

    private ByteBuffer out;

    private InvocationRows(int capacity) {
        out = ByteBuffer.allocate(capacity);
    }

    /** The batch as a binary COPY stream; {@code output} turns a record's printed lines into JSON text, or null. */
    static byte[] of(List<InvocationRecord> batch, Function<List<String>, String> output) {
        InvocationRows rows = new InvocationRows(32 + batch.size() * 96);
        rows.room(SIGNATURE.length + 8).put(SIGNATURE).putInt(0).putInt(0); // no flags, no header extension
        for (InvocationRecord r : batch) {
            rows.room(2).putShort(FIELDS);
            rows.text(r.script());
            rows.room(8).putInt(4).putInt(r.version());
            rows.text(r.trigger() == null ? "unknown" : r.trigger());
            rows.room(12).putInt(8).putLong(micros(r.start() == null ? Instant.now() : r.start()));
            rows.room(12).putInt(8).putLong(r.durationMicros());
            rows.text(r.status() == null ? "unknown" : r.status());
            rows.text(r.errorKind());
            rows.text(r.errorMessage());
            rows.jsonb(output.apply(r.output()));
            rows.room(12).putInt(8).putLong(r.operations());
        }
        rows.room(2).putShort((short) -1);
        return Arrays.copyOf(rows.out.array(), rows.out.position());
    }

    /** Microseconds since PostgreSQL's epoch, as timestamptz stores them (sub-microsecond digits dropped). */
    static long micros(Instant instant) {
        return (instant.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + instant.getNano() / 1_000;
    }

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
        // names, triggers and statuses: written as they are, without an encoded copy per field
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

    private void jsonb(String json) {
        if (json == null) {
            room(4).putInt(-1);
            return;
        }
        byte[] bytes = clean(json).getBytes(StandardCharsets.UTF_8);
        room(5 + bytes.length).putInt(bytes.length + 1).put(JSONB_VERSION).put(bytes);
    }

    /** PostgreSQL text and jsonb cannot hold NUL characters (nor can JSON text escape one for jsonb). */
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
