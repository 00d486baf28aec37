package io.picloud.host.kv.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import io.picloud.api.KvRefusedException;
import io.picloud.api.KvStore;
import io.picloud.api.StoreUnavailableException;

/** An in-memory {@link KvStore} for the host package's tests: JSON texts kept as given, expiry by wall clock. */
final class FakeKvStore implements KvStore {
    final Map<String, TreeMap<String, Entry>> namespaces = new TreeMap<>();
    volatile boolean down;
    int purgeCalls;
    int nextExpiryCalls;

    private TreeMap<String, Entry> ns(String namespace) {
        check();
        return namespaces.computeIfAbsent(namespace, n -> new TreeMap<>());
    }

    private void check() {
        if (down) {
            throw new StoreUnavailableException("database unavailable while testing", null);
        }
    }

    private static boolean live(Entry e) {
        return e != null && (e.expiresAt() == null || e.expiresAt().isAfter(Instant.now()));
    }

    private void room(String namespace, String key, long maxKeys) {
        TreeMap<String, Entry> m = ns(namespace);
        if (maxKeys > 0 && !m.containsKey(key) && m.values().stream().filter(FakeKvStore::live).count() >= maxKeys) {
            throw new KvRefusedException(KvRefusedException.Reason.TOO_MANY_KEYS, "namespace '" + namespace
                    + "' is full");
        }
    }

    @Override
    public void addExpiryListener(java.util.function.LongConsumer listener) {
    }

    @Override
    public void removeExpiryListener(java.util.function.LongConsumer listener) {
    }

    @Override
    public synchronized Optional<Entry> get(String namespace, String key) {
        Entry e = ns(namespace).get(key);
        return live(e) ? Optional.of(e) : Optional.empty();
    }

    @Override
    public synchronized boolean set(String namespace, String key, String json, long ttlMillis, long maxKeys) {
        room(namespace, key, maxKeys);
        Instant exp = ttlMillis > 0 ? Instant.now().plusMillis(ttlMillis) : null;
        return ns(namespace).put(key, new Entry(key, json, exp, Instant.now())) == null;
    }

    @Override
    public synchronized boolean delete(String namespace, String key) {
        return live(ns(namespace).remove(key));
    }

    @Override
    public synchronized long incr(String namespace, String key, long by, long maxKeys) {
        Optional<Entry> e = get(namespace, key);
        if (e.isEmpty()) {
            room(namespace, key, maxKeys);
            ns(namespace).put(key, new Entry(key, Long.toString(by), null, Instant.now()));
            return by;
        }
        if (!e.get().json().matches("-?[0-9]+")) {
            throw new KvRefusedException(KvRefusedException.Reason.NOT_AN_INTEGER, "the value of '" + key
                    + "' is not an integer: " + e.get().json());
        }
        long v = Math.addExact(Long.parseLong(e.get().json()), by);
        ns(namespace).put(key, new Entry(key, Long.toString(v), e.get().expiresAt(), Instant.now()));
        return v;
    }

    @Override
    public synchronized boolean cas(String namespace, String key, String expectedJson, String newJson, long maxKeys) {
        Optional<Entry> e = get(namespace, key);
        String now = e.map(Entry::json).orElse(null);
        if (expectedJson == null ? now != null : !expectedJson.equals(now)) {
            return false;
        }
        if (newJson == null) {
            ns(namespace).remove(key);
        } else {
            if (now == null) {
                room(namespace, key, maxKeys);
            }
            ns(namespace).put(key, new Entry(key, newJson, e.map(Entry::expiresAt).orElse(null), Instant.now()));
        }
        return true;
    }

    @Override
    public synchronized List<Entry> list(String namespace, String prefix, int limit) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : ns(namespace).tailMap(prefix, true).values()) {
            if (!e.key().startsWith(prefix) || out.size() == limit) {
                break;
            }
            if (live(e)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public synchronized List<String> keys(String namespace, String prefix, int limit) {
        return list(namespace, prefix, limit).stream().map(Entry::key).toList();
    }

    @Override
    public synchronized long count(String namespace) {
        return ns(namespace).values().stream().filter(FakeKvStore::live).count();
    }

    @Override
    public synchronized OptionalLong millisToNextExpiry() {
        check();
        nextExpiryCalls++;
        return namespaces.values().stream().flatMap(m -> m.values().stream()).map(Entry::expiresAt)
                .filter(java.util.Objects::nonNull).mapToLong(t -> Math.max(0, t.toEpochMilli()
                        - System.currentTimeMillis())).min();
    }

    @Override
    public synchronized Purged purgeExpired(int limit) {
        check();
        purgeCalls++;
        int n = 0;
        for (TreeMap<String, Entry> m : namespaces.values()) {
            for (var it = m.values().iterator(); it.hasNext() && n < limit; ) {
                if (!live(it.next())) {
                    it.remove();
                    n++;
                }
            }
        }
        nextExpiryCalls--; // asked within the purge, not on its own
        return new Purged(n, millisToNextExpiry());
    }
}
