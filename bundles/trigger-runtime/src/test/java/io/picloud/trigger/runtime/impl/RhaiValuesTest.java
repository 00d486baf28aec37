package io.picloud.trigger.runtime.impl;

import org.junit.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;

/** Plugin values into the engine's Java mapping: converted where needed, passed on untouched where not. */
public class RhaiValuesTest {
    @Test
    public void aValueAlreadyInTheMappingIsNotCopied() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", new ArrayList<>(List.of(1L, 2L, 3L)));
        json.put("name", "x");
        json.put("nested", Map.of("ok", true, "n", 1.5));
        json.put("none", null);
        assertSame(json, RhaiValues.of(json));
        List<Object> list = List.of("a", List.of(1L), new byte[] {1});
        assertSame(list, RhaiValues.of(list));
    }

    @Test
    public void otherValuesAreConvertedAtAnyDepth() {
        Instant t = Instant.parse("2026-12-03T20:00:00Z");
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("count", 3);
        in.put("deep", List.of(Map.of("f", 1.5f)));
        in.put("when", t);
        in.put("set", Set.of("only"));
        Object out = RhaiValues.of(in);
        assertNotSame(in, out);
        Map<?, ?> map = (Map<?, ?>) out;
        assertEquals(3L, map.get("count"));
        assertEquals(List.of(Map.of("f", 1.5d)), map.get("deep"));
        assertEquals(t.toString(), map.get("when"));
        assertEquals(List.of("only"), map.get("set"));
        assertEquals(Map.of("1", "one"), RhaiValues.of(Map.of(1, "one")));
    }

    @Test
    public void deepNestingIsCopiedLikeAnyOther() {
        Object value = 7;
        Object expected = 7L;
        for (int i = 0; i < 100; i++) {
            value = List.of(value);
            expected = List.of(expected);
        }
        assertEquals(expected, RhaiValues.of(value));
    }
}
