package io.picloud.access.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded map for request-path caches: lock-free reads, and beyond {@code maxEntries} the least recently used
 * eighth is dropped in one pass (so a flood of new keys costs an amortised sort, and the entries in use stay).
 * Thread-safe; a value may be null-free only.
 */
final class LruCache<K, V> {
    private static final class Slot<V> {
        final V value;
        volatile long used;

        Slot(V value, long used) {
            this.value = value;
            this.used = used;
        }
    }

    private final int maxEntries;
    private final Map<K, Slot<V>> entries = new ConcurrentHashMap<>();
    /** A logical clock: each use gets a later stamp than the uses before it. */
    private final AtomicLong clock = new AtomicLong();
    private final Object evicting = new Object();

    LruCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries is at least 1");
        }
        this.maxEntries = maxEntries;
    }

    /** The value, marked as used now; null when absent. */
    V get(K key) {
        Slot<V> slot = entries.get(key);
        if (slot == null) {
            return null;
        }
        slot.used = clock.incrementAndGet();
        return slot.value;
    }

    void put(K key, V value) {
        entries.put(key, new Slot<>(value, clock.incrementAndGet()));
        if (entries.size() > maxEntries) {
            evict();
        }
    }

    void remove(K key) {
        entries.remove(key);
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    private void evict() {
        synchronized (evicting) {
            int excess = entries.size() - maxEntries;
            if (excess <= 0) {
                return;
            }
            List<Map.Entry<K, Slot<V>>> all = new ArrayList<>(entries.entrySet());
            all.sort(Comparator.comparingLong(e -> e.getValue().used));
            int drop = Math.min(all.size(), excess + Math.max(1, maxEntries / 8));
            for (int i = 0; i < drop; i++) {
                Map.Entry<K, Slot<V>> e = all.get(i);
                entries.remove(e.getKey(), e.getValue()); // not one put again meanwhile
            }
        }
    }
}
