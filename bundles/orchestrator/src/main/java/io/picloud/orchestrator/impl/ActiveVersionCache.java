package io.picloud.orchestrator.impl;

import io.picloud.api.ScriptVersion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Active versions by script name (including "no such script"), dropped by {@link #invalidate}. Reads are
 * lock-free. Beyond {@code maxEntries} the least recently used eighth is dropped in one pass, so the scripts in use
 * stay cached however many other names are asked for. A load that raced with an invalidation is not stored: loads
 * remember the epoch they started in and are put only if no invalidation happened since, under the same lock
 * invalidations take.
 */
final class ActiveVersionCache {
    private static final class Slot {
        final Optional<ScriptVersion> version;
        volatile long used;

        Slot(Optional<ScriptVersion> version, long used) {
            this.version = version;
            this.used = used;
        }
    }

    private final int maxEntries;
    private final Map<String, Slot> entries = new ConcurrentHashMap<>();
    /** A logical clock: each use gets a later stamp than the uses before it. */
    private final AtomicLong clock = new AtomicLong();
    private final LongAdder loads = new LongAdder();
    private final Object lock = new Object();
    private long epoch;

    ActiveVersionCache(int maxEntries) {
        this.maxEntries = Math.max(1, maxEntries);
    }

    Optional<ScriptVersion> get(String name, Function<String, Optional<ScriptVersion>> loader) {
        Optional<ScriptVersion> cached = peek(name);
        if (cached != null) {
            return cached;
        }
        long started;
        synchronized (lock) {
            started = epoch;
        }
        loads.increment();
        Optional<ScriptVersion> loaded = loader.apply(name);
        synchronized (lock) {
            if (started == epoch) {
                entries.put(name, new Slot(loaded, clock.incrementAndGet()));
                if (entries.size() > maxEntries) {
                    evictLeastRecentlyUsed();
                }
            }
        }
        return loaded;
    }

    /** The cached entry, marked as used; null when there is none (never loads). */
    Optional<ScriptVersion> peek(String name) {
        Slot slot = entries.get(name);
        if (slot == null) {
            return null;
        }
        slot.used = clock.incrementAndGet();
        return slot.version;
    }

    /** The cached entry, not marked as used (a question asked before a run); null when there is none. */
    Optional<ScriptVersion> cached(String name) {
        Slot slot = entries.get(name);
        return slot == null ? null : slot.version;
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

    /** How many times a name was read through the loader (the store) since start. */
    long loads() {
        return loads.sum();
    }

    // holds lock
    private void evictLeastRecentlyUsed() {
        List<Map.Entry<String, Slot>> all = new ArrayList<>(entries.entrySet());
        all.sort(Comparator.comparingLong(e -> e.getValue().used));
        int drop = Math.min(all.size(), entries.size() - maxEntries + Math.max(1, maxEntries / 8));
        for (int i = 0; i < drop; i++) {
            entries.remove(all.get(i).getKey());
        }
    }
}
