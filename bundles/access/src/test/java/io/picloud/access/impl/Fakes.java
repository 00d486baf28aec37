package io.picloud.access.impl;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.picloud.api.ScriptChangeListener;
import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptSettings;
import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptSummary;

/** Test doubles that count the store calls the caches make. */
final class Fakes {
    private Fakes() {
    }

    /** A script store holding {@code owners} and {@code settings}; counts every call by method name. */
    static final class Scripts {
        final Map<String, ScriptOwner> owners = new ConcurrentHashMap<>();
        final Map<String, ScriptSettings> settings = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final List<ScriptChangeListener> listeners = new ArrayList<>();
        volatile boolean down;
        final ScriptStore store = proxy(ScriptStore.class, (proxy, method, args) -> {
            calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
            switch (method.getName()) {
                case "addChangeListener" -> listeners.add((ScriptChangeListener) args[0]);
                case "removeChangeListener" -> listeners.remove((ScriptChangeListener) args[0]);
                default -> {
                }
            }
            if (down && !method.getName().endsWith("ChangeListener")) {
                throw new io.picloud.api.StoreUnavailableException("down", null);
            }
            return switch (method.getName()) {
                case "owner" -> Optional.ofNullable(owners.get((String) args[0]));
                case "settings" -> owners.containsKey((String) args[0])
                        ? Optional.of(settings.getOrDefault((String) args[0], ScriptSettings.DEFAULT))
                        : Optional.empty();
                case "list" -> owners.keySet().stream().sorted().map(n -> new ScriptSummary(n, 1, "h", 1, null,
                        null, null)).toList();
                default -> null;
            };
        });

        void add(String name, ScriptOwner owner) {
            owners.put(name, owner);
            listeners.forEach(l -> l.scriptChanged(name));
        }

        int calls(String method) {
            AtomicInteger n = calls.get(method);
            return n == null ? 0 : n.get();
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler);
    }

    /** An annotation-typed config whose methods answer from {@code values}, else their defaults. */
    static <T> T config(Class<T> type, Function<String, Object> values) {
        return proxy(type, (proxy, method, args) -> {
            Object v = values.apply(method.getName());
            return v != null ? v : method.getDefaultValue();
        });
    }
}
