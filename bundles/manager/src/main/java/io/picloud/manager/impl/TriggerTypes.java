package io.picloud.manager.impl;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.picloud.trigger.api.TriggerType;

/**
 * The {@link TriggerType} services installed now, by type id (the newest registration of an id wins, as in the
 * trigger runtime). Thread-safe; plugins come and go at any time.
 */
final class TriggerTypes {
    private final Map<String, List<TriggerType>> byId = new ConcurrentHashMap<>();

    void add(String id, TriggerType type) {
        byId.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(type);
    }

    void remove(String id, TriggerType type) {
        byId.computeIfPresent(id, (k, list) -> {
            list.remove(type);
            return list.isEmpty() ? null : list;
        });
    }

    /** The type registered under {@code id}, or null when none is installed. */
    TriggerType get(String id) {
        List<TriggerType> list = id == null ? null : byId.get(id);
        if (list == null) {
            return null;
        }
        try {
            return list.get(list.size() - 1);
        } catch (IndexOutOfBoundsException raced) {
            return null;
        }
    }

    /** Installed types sorted by id. */
    Map<String, TriggerType> all() {
        Map<String, TriggerType> out = new TreeMap<>();
        for (String id : byId.keySet()) {
            TriggerType t = get(id);
            if (t != null) {
                out.put(id, t);
            }
        }
        return out;
    }
}
