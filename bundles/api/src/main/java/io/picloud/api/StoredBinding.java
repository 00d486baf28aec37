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
 */
public record StoredBinding(String id, String type, String script, Map<String, Object> config, boolean enabled,
                            Instant lastFired) {
    public StoredBinding {
        config = config == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }

    /** Configuration values are left out: they may hold secrets. */
    @Override
    public String toString() {
        return "StoredBinding[id=" + id + ", type=" + type + ", script=" + script + ", enabled=" + enabled
                + ", config keys=" + config.keySet() + ", lastFired=" + lastFired + "]";
    }
}
