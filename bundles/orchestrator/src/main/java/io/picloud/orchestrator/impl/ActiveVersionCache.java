package io.picloud.orchestrator.impl;

import io.picloud.api.ScriptVersion;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Active versions by script name (including "no such script"), dropped by {@link #invalidate}. Reads are
 * lock-free. A load that raced with an invalidation is not stored: loads remember the epoch they started in and
 * are put only if no invalidation happened since, under the same lock invalidations take.
 */
final class ActiveVersionCache {
    private final int maxEntries;
    private final Map<String, Optional<ScriptVersion>> entries = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private long epoch;

    ActiveVersionCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    Optional<ScriptVersion> get(String name, Function<String, Optional<ScriptVersion>> loader) {
        Optional<ScriptVersion> cached = entries.get(name);
        if (cached != null) {
            return cached;
        }
        long started;
        synchronized (lock) {
            started = epoch;
        }
        Optional<ScriptVersion> loaded = loader.apply(name);
        synchronized (lock) {
            if (started == epoch) {
                if (entries.size() >= maxEntries) {
                    entries.clear(); // crude bound: many distinct (often unknown) names; reloading is cheap
                }
                entries.put(name, loaded);
            }
        }
        return loaded;
    }

    /** The cached entry, or null when there is none (never loads). */
    Optional<ScriptVersion> peek(String name) {
        return entries.get(name);
    }

    void invalidate(String name) {
        synchronized (lock) {
            epoch++;
            entries.remove(name);
        }
    }

    void clear() {
        synchronized (lock) {
            epoch++;
            entries.clear();
        }
    }

    int size() {
        return entries.size();
    }
}
