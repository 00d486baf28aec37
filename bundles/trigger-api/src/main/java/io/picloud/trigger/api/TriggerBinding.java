package io.picloud.trigger.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One stored binding of a trigger type to a script, as the runtime hands it to {@link TriggerType#open}. Immutable;
 * a changed binding is closed and opened again with a new instance.
 *
 * @param id        stable id of the binding (unique across types)
 * @param type      the {@link TriggerType} id
 * @param script    the name of the script it fires
 * @param config    the type-specific configuration (JSON-like values: String, Long, Double, Boolean, List, Map)
 * @param enabled   false for a disabled binding (the runtime opens enabled bindings only)
 * @param lastFired when this binding last fired on any node, or null if never (cron's missed-run policy uses it)
 */
public record TriggerBinding(String id, String type, String script, Map<String, Object> config, boolean enabled,
                             Instant lastFired) {
    public TriggerBinding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(script, "script");
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** The binding with another last fire time. */
    public TriggerBinding withLastFired(Instant time) {
        return new TriggerBinding(id, type, script, config, enabled, time);
    }

    /** Configuration values are not printed: they may hold secrets. */
    @Override
    public String toString() {
        return "TriggerBinding[id=" + id + ", type=" + type + ", script=" + script + ", enabled=" + enabled
                + ", config keys=" + config.keySet() + ", lastFired=" + lastFired + "]";
    }
}
