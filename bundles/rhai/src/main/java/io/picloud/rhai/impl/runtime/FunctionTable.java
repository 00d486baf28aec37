package io.picloud.rhai.impl.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Native functions by name and arity. Packages register into it; host functions go through the same table.
 * Immutable once the engine is built (lookups from many threads).
 */
public final class FunctionTable {
    /** One registered implementation. */
    public record Entry(String name, int arity, boolean mutating, NativeFn fn) {
    }

    private final Map<String, Entry[]> byKey = new HashMap<>();
    private final Map<String, Boolean> names = new HashMap<>();

    public static String key(String name, int arity) {
        return name + "/" + arity;
    }

    /** Registers a pure function. */
    public FunctionTable fn(String name, int arity, NativeFn fn) {
        return add(new Entry(name, arity, false, fn));
    }

    /** Registers a function taking its first argument by reference. */
    public FunctionTable mut(String name, int arity, NativeFn fn) {
        return add(new Entry(name, arity, true, fn));
    }

    /** Registers the same implementation for several arities. */
    public FunctionTable fn(String name, int[] arities, NativeFn fn) {
        for (int a : arities) {
            fn(name, a, fn);
        }
        return this;
    }

    public FunctionTable mut(String name, int[] arities, NativeFn fn) {
        for (int a : arities) {
            mut(name, a, fn);
        }
        return this;
    }

    /** Later registrations take precedence (host functions override built-ins). */
    public synchronized FunctionTable add(Entry e) {
        String k = key(e.name(), e.arity());
        Entry[] old = byKey.get(k);
        List<Entry> list = new ArrayList<>();
        list.add(e);
        if (old != null) {
            list.addAll(List.of(old));
        }
        byKey.put(k, list.toArray(new Entry[0]));
        names.put(e.name(), Boolean.TRUE);
        return this;
    }

    /** Every registered name and arity, as {@code name/arity} keys, sorted (for tools and tests). */
    public synchronized List<String> signatures() {
        List<String> keys = new ArrayList<>(byKey.keySet());
        java.util.Collections.sort(keys);
        return keys;
    }

    public Entry[] lookup(String name, int arity) {
        return byKey.get(key(name, arity));
    }

    public boolean hasName(String name) {
        return names.containsKey(name);
    }
}
