package io.picloud.shell.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerType;
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

    @Test
    public void writeOnlyFieldsAreMasked() {
        TriggerType t = new TriggerType() {
            @Override
            public TriggerDescriptor descriptor() {
                return new TriggerDescriptor("hook", "Hook", "", "{\"properties\":{\"path\":{\"type\":\"string\"},"
                        + "\"secret\":{\"type\":\"string\",\"writeOnly\":true}}}");
            }

            @Override
            public void validate(Map<String, Object> config) {
            }

            @Override
            public TriggerHandle open(TriggerBinding binding, TriggerCallback callback) {
                throw new UnsupportedOperationException();
            }
        };
        assertEquals(Set.of("secret"), TriggerShell.secrets(t));
        assertEquals("path=p, secret=" + TriggerShell.MASK,
                TriggerShell.maskedConfig(new java.util.LinkedHashMap<>(Map.of("path", "p")) {{
                    put("secret", "s3cret");
                }}, TriggerShell.secrets(t)));
        assertEquals(Map.of("hook", t), TriggerShell.byId(List.of(t)));
    }
}
