package io.picloud.trigger.api;

import org.junit.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class TriggerConfigsTest {
    private static TriggerConfigException expectFailure(ThrowingRunnable r) {
        try {
            r.run();
        } catch (TriggerConfigException e) {
            return e;
        }
        fail("expected a TriggerConfigException");
        return null;
    }

    interface ThrowingRunnable {
        void run() throws TriggerConfigException;
    }

    @Test
    public void stringFieldsNameTheFieldWhenMissingOrWrong() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("topic", 5L);
        config.put("blank", "  ");
        assertEquals("topic", expectFailure(() -> TriggerConfigs.string(config, "topic", null)).field());
        assertEquals("blank", expectFailure(() -> TriggerConfigs.string(config, "blank", "x")).field());
        TriggerConfigException missing = expectFailure(() -> TriggerConfigs.string(config, "path", null));
        assertEquals("path", missing.field());
        assertEquals("config.path: is required", missing.getMessage());
        assertEquals("fallback", TriggerConfigs.string(config, "absent", "fallback"));
    }

    @Test
    public void integersAcceptNumbersAndDecimalTextWithinBounds() throws Exception {
        Map<String, Object> config = Map.of("a", 1, "b", 2.0, "c", "3", "d", 2.5, "e", 9L);
        assertEquals(1, TriggerConfigs.integer(config, "a", 0, 0, 5));
        assertEquals(2, TriggerConfigs.integer(config, "b", 0, 0, 5));
        assertEquals(3, TriggerConfigs.integer(config, "c", 0, 0, 5));
        assertEquals(4, TriggerConfigs.integer(config, "z", 4, 0, 5));
        assertEquals("d", expectFailure(() -> TriggerConfigs.integer(config, "d", 0, 0, 5)).field());
        TriggerConfigException range = expectFailure(() -> TriggerConfigs.integer(config, "e", 0, 0, 5));
        assertTrue(range.getMessage(), range.getMessage().contains("between 0 and 5"));
    }

    @Test
    public void oneOfAndUnknownKeys() throws Exception {
        Map<String, Object> config = Map.of("overlap", "later", "scedule", "@daily");
        TriggerConfigException e = expectFailure(() -> TriggerConfigs.oneOf(config, "overlap", "skip",
                Set.of("skip", "queue")));
        assertEquals("overlap", e.field());
        assertTrue(e.getMessage().contains("[queue, skip]"));
        assertEquals("scedule", expectFailure(() -> TriggerConfigs.onlyKnown(config,
                Set.of("schedule", "overlap"))).field());
    }

    @Test
    public void bindingToStringHidesConfigValues() {
        TriggerBinding binding = new TriggerBinding("b1", "webhook", "s", Map.of("secret", "hunter2"), true, null);
        assertFalse(binding.toString().contains("hunter2"));
        assertTrue(binding.toString().contains("secret"));
    }
}
