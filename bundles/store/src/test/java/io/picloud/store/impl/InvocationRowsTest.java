package io.picloud.store.impl;

import io.picloud.api.InvocationRecord;
import org.junit.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

/** The binary COPY stream, read back field by field; JdbcInvocationLogTest has PostgreSQL read it. */
public class InvocationRowsTest {
    private static final Instant T0 = Instant.parse("2000-01-01T00:00:01Z");

    @Test
    public void timestampsAreMicrosecondsFromPostgresEpoch() {
        assertEquals(0, InvocationRows.micros(Instant.parse("2000-01-01T00:00:00Z")));
        assertEquals(1, InvocationRows.micros(Instant.parse("2000-01-01T00:00:00.000001999Z")));
        assertEquals(-1_000_000, InvocationRows.micros(Instant.parse("1999-12-31T23:59:59Z")));
        assertEquals(828_063_000_123_456L, InvocationRows.micros(Instant.parse("2026-03-29T01:30:00.123456789Z")));
    }

    @Test
    public void oneRowPerScriptWithOneArrayElementPerRunInArrivalOrder() {
        List<InvocationRecord> batch = List.of(
                run("a", 1, T0.plusSeconds(2), null, List.of()),
                new InvocationRecord("b", 7, "invoke", T0, 5, "error", "ErrorArithmetic", "a\u0000", List.of("x"), 3,
                        "caller", 4, 12, null, "kq8d2x1c-0123456789"),
                run("a", 2, T0.plusSeconds(1), "ü", List.of()));
        ByteBuffer in = ByteBuffer.wrap(InvocationRows.of(batch, out -> out.isEmpty() ? null : "[\"x\"]"));
        byte[] signature = new byte[11];
        in.get(signature);
        assertArrayEquals("PGCOPY\n\u00ff\r\n\u0000".getBytes(StandardCharsets.ISO_8859_1), signature);
        assertEquals(0, in.getInt()); // flags
        assertEquals(0, in.getInt()); // header extension

        assertEquals(16, in.getShort());
        assertEquals("a", text(in));
        assertEquals(4, in.getInt());
        assertEquals(2, in.getInt()); // runs
        assertEquals(8, in.getInt());
        assertEquals(3_000_000, in.getLong()); // newest start
        assertEquals(List.of(1L, 2L), numbers(in, 23, 4)); // version
        assertEquals(List.of("http", "http"), texts(in)); // trigger
        assertEquals(List.of(3_000_000L, 2_000_000L), numbers(in, 1184, 8)); // started_at
        assertEquals(List.of(5L, 5L), numbers(in, 20, 8)); // duration_us
        assertEquals(List.of("ok", "ok"), texts(in)); // status
        assertEquals(nulls(2), texts(in)); // error_kind
        List<String> messages = new ArrayList<>();
        messages.add(null);
        messages.add("ü");
        assertEquals(messages, texts(in));
        assertEquals(nulls(2), texts(in)); // output: nothing printed
        assertEquals(List.of(3L, 3L), numbers(in, 20, 8)); // operations
        assertEquals(nulls(2), texts(in)); // source: not invoked by a script
        assertEquals(List.of(0L, 0L), numbers(in, 23, 4)); // error_line: no error
        assertEquals(List.of(0L, 0L), numbers(in, 23, 4)); // error_column
        assertEquals(nulls(2), texts(in)); // ref: none given

        assertEquals(16, in.getShort());
        assertEquals("b", text(in));
        in.position(in.position() + 8 + 12);
        assertEquals(List.of(7L), numbers(in, 23, 4));
        for (int skip = 0; skip < 5; skip++) { // trigger, started_at, duration_us, status, error_kind
            int length = in.getInt();
            in.position(in.position() + length);
        }
        assertEquals(List.of("a\uFFFD"), texts(in)); // PostgreSQL text cannot hold NUL
        assertEquals(List.of("[\"x\"]"), texts(in));
        numbers(in, 20, 8);
        assertEquals(List.of("caller"), texts(in)); // source
        assertEquals(List.of(4L), numbers(in, 23, 4)); // error_line
        assertEquals(List.of(12L), numbers(in, 23, 4)); // error_column
        assertEquals(List.of("kq8d2x1c-0123456789"), texts(in)); // ref
        assertEquals(-1, in.getShort()); // trailer
        assertEquals(0, in.remaining());
    }

    private static InvocationRecord run(String script, int version, Instant start, String message, List<String> out) {
        return new InvocationRecord(script, version, "http", start, 5, "ok", null, message, out, 3);
    }

    private static List<String> nulls(int n) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(null);
        }
        return list;
    }

    private static int arrayHeader(ByteBuffer in, int oid) {
        in.getInt(); // field length
        assertEquals(1, in.getInt()); // dimensions
        in.getInt(); // has nulls
        assertEquals(oid, in.getInt());
        int n = in.getInt();
        assertEquals(1, in.getInt()); // lower bound
        return n;
    }

    private static List<Long> numbers(ByteBuffer in, int oid, int width) {
        List<Long> values = new ArrayList<>();
        for (int i = arrayHeader(in, oid); i > 0; i--) {
            assertEquals(width, in.getInt());
            values.add(width == 4 ? in.getInt() : in.getLong());
        }
        return values;
    }

    private static List<String> texts(ByteBuffer in) {
        List<String> values = new ArrayList<>();
        for (int i = arrayHeader(in, 25); i > 0; i--) {
            values.add(text(in));
        }
        return values;
    }

    private static String text(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
