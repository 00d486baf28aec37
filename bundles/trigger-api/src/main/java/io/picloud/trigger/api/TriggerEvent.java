package io.picloud.trigger.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One occurrence that should run the binding's script. The script sees an {@code event} map with {@code type}
 * (the binding's type), {@code source}, {@code payload}, {@code time}, {@code binding} (the binding id) and every
 * attribute under its own name (attributes never replace those five keys).
 *
 * @param source     where it came from, for people: the MQTT topic, the hook path, the schedule
 * @param payload    the event's data: a Map, List, String, Long, Double, Boolean or null
 * @param attributes trigger-specific fields (headers, qos, hop count ...); JSON-like values
 * @param time       when it happened (for cron: the due time)
 */
public record TriggerEvent(String source, Object payload, Map<String, Object> attributes, Instant time) {
    public TriggerEvent {
        Objects.requireNonNull(source, "source");
        attributes = attributes == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        time = time == null ? Instant.now() : time;
    }

    /** An event at the current time without attributes. */
    public static TriggerEvent of(String source, Object payload) {
        return new TriggerEvent(source, payload, Map.of(), Instant.now());
    }
}
