package io.picloud.store.impl;

import io.picloud.api.InvocationRecord;
import org.junit.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.Assert.assertEquals;

public class InvocationRowsTest {
    @Test
    public void timestampsAreUtcWithMicroseconds() {
        assertEquals("2026-03-29 01:30:00.123456+00",
                InvocationRows.timestamp(new StringBuilder(), Instant.parse("2026-03-29T01:30:00.123456789Z")).toString());
        assertEquals("0999-01-02 03:04:05.000007+00",
                InvocationRows.timestamp(new StringBuilder(), Instant.parse("0999-01-02T03:04:05.000007Z")).toString());
    }

    @Test
    public void nullsAndSpecialCharactersAreEscaped() {
        InvocationRecord r = new InvocationRecord("s", 2, null, Instant.parse("2026-01-01T00:00:00Z"), 7, "error",
                "Kind", "a\tb\nc\\d\r\u0000", List.of(), 9);
        assertEquals("s\t2\tunknown\t2026-01-01 00:00:00.000000+00\t7\terror\tKind\ta\\tb\\nc\\\\d\\r\uFFFD\t\\N\t9\n",
                InvocationRows.of(List.of(r), out -> null));
    }
}
