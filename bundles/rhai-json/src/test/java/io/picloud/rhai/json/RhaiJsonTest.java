package io.picloud.rhai.json;

import org.junit.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

/** The one JSON mapping of Rhai values, as the HTTP trigger and the shell use it. */
public class RhaiJsonTest {
    @Test
    public void parsesIntoTheEngineTypes() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) RhaiJson.parse(
                "{\"z\":5,\"f\":1.5,\"big\":123456789012345678901234,\"list\":[true,null,\"s\"],\"o\":{}}");
        assertEquals(List.of("z", "f", "big", "list", "o"), List.copyOf(m.keySet()));
        assertEquals(5L, m.get("z"));
        assertEquals(1.5, m.get("f"));
        assertEquals(1.2345678901234568E23, m.get("big"));
        assertEquals(Arrays.asList(true, null, "s"), m.get("list"));
        assertEquals(Map.of(), m.get("o"));
    }

    @Test
    public void parseRefusesWhatIsNotOneValue() {
        for (String bad : new String[] {"", "  ", "{\"a\":1} 2", "{\"a\":", "nope"}) {
            try {
                RhaiJson.parse(bad);
                fail("parsed: " + bad);
            } catch (IOException expected) {
                // not one complete JSON value
            }
            assertNull(RhaiJson.parseOrNull(bad));
        }
        assertNull(RhaiJson.parseOrNull(null));
        assertEquals(List.of(1L), RhaiJson.parseOrNull("[1]"));
    }

    @Test
    public void writesEngineValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", Arrays.asList(1L, null, true, new byte[] {1, (byte) 255}));
        m.put("i", 7);
        m.put("f", 2.5f);
        m.put("nan", Double.NaN);
        m.put("c", 'x');
        m.put("t", Instant.parse("2026-01-02T03:04:05Z"));
        String expected = "{\"a\":[1,null,true,[1,255]],\"i\":7,\"f\":2.5,\"nan\":null,\"c\":\"x\","
                + "\"t\":\"2026-01-02T03:04:05Z\"}";
        assertEquals(expected, RhaiJson.toJson(m));
        assertEquals(expected, new String(RhaiJson.toBytes(m), StandardCharsets.UTF_8));
        assertEquals("\"hé \\\"q\\\"\"", RhaiJson.toJson("hé \"q\""));
    }
}
