package io.picloud.shell.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.junit.Test;

public class TriggerShellTest {
    @Test
    public void pairsAreJsonWhenTheyCanBeAndOverrideTheJsonConfig() {
        Map<String, Object> c = TriggerShell.config("{\"topic\":\"a\",\"qos\":0}",
                List.of("qos=1", "schedule=@every 1s", "retain=true", "topic=x/y", "tags=[\"a\"]", "quoted=\"1\""));
        assertEquals(Map.of("topic", "x/y", "qos", 1L, "schedule", "@every 1s", "retain", true, "tags", List.of("a"),
                "quoted", "1"), c);
        try {
            TriggerShell.config("[1]", null);
            fail();
        } catch (IllegalArgumentException expected) {
            // not an object
        }
        try {
            TriggerShell.config(null, List.of("novalue"));
            fail();
        } catch (IllegalArgumentException expected) {
            // not a pair
        }
    }
}
