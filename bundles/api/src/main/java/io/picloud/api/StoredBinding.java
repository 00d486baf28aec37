package io.picloud.api;

import java.time.Instant;
import java.util.Map;

/**
 * A trigger binding as stored: which trigger type fires which script, with the type's configuration.
 *
 * @param id        unique id; null only when passed to {@link BindingStore#save} to create a binding
 * @param type      the trigger type id ({@code cron}, {@code mqtt}, {@code webhook}, {@code event} ...)
 * @param script    the script it runs (the script need not exist yet)
 * @param config    the type-specific configuration, JSON-like values (may hold secrets: never log it)
 * @param enabled   false keeps the binding without opening it
 * @param lastFired when it last fired on any node; null if never
 * @param owner     the username of who created it; null when unknown (when saving: keep the stored owner)
 */
public record StoredBinding(String id, String type, String script, Map<String, Object> config, boolean enabled,
                            Instant lastFired, String owner) {
    public StoredBinding(String id, String type, String script, Map<String, Object> config, boolean enabled,
                         Instant lastFired) {
        this(id, type, script, config, enabled, lastFired, null);
    }

    /** The same binding with other settings, keeping id, last fire time and owner. */
    public StoredBinding with(String type, String script, Map<String, Object> config, boolean enabled) {
        return new StoredBinding(id, type, script, config, enabled, lastFired, owner);
    }

    public StoredBinding {
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** Configuration values are left out: they may hold secrets. */
    @Override
    public String toString() {
        return "StoredBinding[id=" + id + ", type=" + type + ", script=" + script + ", enabled=" + enabled
                + ", config keys=" + config.keySet() + ", lastFired=" + lastFired + ", owner=" + owner + "]";
    }
}
