package io.picloud.api;

import org.junit.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

public class InvocationRefTest {
    @Test
    public void aRefCarriesItsStartToTheMicrosecond() {
        Instant start = Instant.parse("2026-12-03T16:54:17.123456789Z");
        String ref = InvocationRef.next(start);
        assertTrue(ref, ref.matches("[0-9a-z]+-[0-9a-z]{10}"));
        assertEquals(Instant.parse("2026-12-03T16:54:17.123456Z"), InvocationRef.startOf(ref));
    }

    @Test
    public void refsOfTheSameMicrosecondDiffer() {
        Instant start = Instant.now();
        Set<String> refs = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            refs.add(InvocationRef.next(start));
        }
        assertEquals(10_000, refs.size());
    }

    @Test
    public void otherTextIsNoRef() {
        assertNull(InvocationRef.startOf(null));
        assertNull(InvocationRef.startOf("12.3"));
        assertNull(InvocationRef.startOf("abc-def"));
        assertNull(InvocationRef.startOf("-0123456789"));
        assertNull(InvocationRef.startOf("ABC-0123456789"));
        assertNull(InvocationRef.startOf("zzzzzzzzzzzzzz-0123456789"));
    }
}
