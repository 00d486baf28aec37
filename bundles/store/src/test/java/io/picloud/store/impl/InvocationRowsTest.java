package io.picloud.store.impl;

import io.picloud.api.InvocationRecord;
import org.junit.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertArrayEquals;

public class InvocationRowsTest {
    @Test
    public void timestampsAreMicrosecondsFromPostgresEpoch() {
        assertEquals(0, InvocationRows.micros(Instant.parse("2000-01-01T00:00:00Z")));
        assertEquals(1, InvocationRows.micros(Instant.parse("2000-01-01T00:00:00.000001999Z")));
        assertEquals(-1_000_000, InvocationRows.micros(Instant.parse("1999-12-31T23:59:59Z")));
        assertEquals(828_063_000_123_456L, InvocationRows.micros(Instant.parse("2026-03-29T01:30:00.123456789Z")));
    }

    @Test
    public void aRowIsTenFieldsWithNullsAsMinusOneAndNulReplaced() {
        InvocationRecord r = new InvocationRecord("s", 2, null, Instant.parse("2000-01-01T00:00:01Z"), 7, "error",
                "K", "a\u0000", List.of(), 9);
        ByteBuffer in = ByteBuffer.wrap(InvocationRows.of(List.of(r), out -> null));
        byte[] signature = new byte[11];
        in.get(signature);
        assertArrayEquals("PGCOPY\n\u00ff\r\n\u0000".getBytes(StandardCharsets.ISO_8859_1), signature);
        assertEquals(0, in.getInt()); // flags
        assertEquals(0, in.getInt()); // header extension
        assertEquals(10, in.getShort());
        assertEquals("s", text(in));
        assertEquals(4, in.getInt());
        assertEquals(2, in.getInt());
        assertEquals("unknown", text(in));
        assertEquals(8, in.getInt());
        assertEquals(1_000_000, in.getLong());
        assertEquals(8, in.getInt());
        assertEquals(7, in.getLong());
        assertEquals("error", text(in));
        assertEquals("K", text(in));
        assertEquals("a\uFFFD", text(in));
        assertEquals(-1, in.getInt()); // no output: NULL
        assertEquals(8, in.getInt());
        assertEquals(9, in.getLong());
        assertEquals(-1, in.getShort()); // trailer
        assertEquals(0, in.remaining());
    }

    @Test
    public void jsonbFieldsCarryTheFormatVersion() {
        InvocationRecord r = new InvocationRecord("s", 1, "http", Instant.EPOCH, 0, "ok", null, null,
                List.of("x"), 0);
        ByteBuffer in = ByteBuffer.wrap(InvocationRows.of(List.of(r), out -> "[\"x\"]"));
        in.position(11 + 8 + 2);
        for (int field = 0; field < 8; field++) {
            int length = in.getInt();
            in.position(in.position() + Math.max(0, length));
        }
        assertEquals(6, in.getInt());
        assertEquals(1, in.get());
        byte[] json = new byte[5];
        in.get(json);
        assertEquals("[\"x\"]", new String(json, StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer in) {
        byte[] bytes = new byte[in.getInt()];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
