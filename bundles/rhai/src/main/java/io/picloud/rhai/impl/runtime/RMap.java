package io.picloud.rhai.impl.runtime;

import java.util.Map;
import java.util.TreeMap;

/**
 * A Rhai object map: string keys kept in key order (like Rhai's BTreeMap); copy-on-write like {@link RArray}.
 *
 * <p>It caches the data sizes of its values as {@link RArray} does: {@code put}, {@code remove} and
 * {@code putAll} keep the cache; a change of size by any other path drops it. A value replaced through an entry
 * ({@code Map.Entry.setValue}) is not seen: who does that calls {@link #invalidateSizes()}.
 */
public final class RMap extends TreeMap<String, Object> {
    public boolean shared;
    /** 1 + the size the cached sums belong to; 0: no cache (no field initializer: TreeMap(Map) calls putAll). */
    private int sizesCount;
    long nArr;
    long nMap;
    long nStr;
    long nMem;

    public RMap() {
    }

    public RMap(Map<String, Object> m) {
        super(m);
    }

    public RMap cow() {
        RMap copy = new RMap(this);
        for (Object o : copy.values()) {
            Values.markShared(o);
        }
        if (sizesCount == size() + 1) {
            copy.nArr = nArr;
            copy.nMap = nMap;
            copy.nStr = nStr;
            copy.nMem = nMem;
            copy.sizesCount = copy.size() + 1;
        }
        return copy;
    }

    /** Drops the cached sizes: a value may be changing in place. */
    public void invalidateSizes() {
        sizesCount = 0;
    }

    /** Builds the cached sizes if there are none (walks the values once). */
    void ensureSizes() {
        if (sizesCount != size() + 1) {
            nArr = 0;
            nMap = 0;
            nStr = 0;
            nMem = 0;
            for (Map.Entry<String, Object> e : entrySet()) {
                nMem += DataSizes.MAP_ENTRY + e.getKey().length();
                count(e.getValue(), 1);
            }
            sizesCount = size() + 1;
        }
    }

    private void count(Object v, int sign) {
        nArr += sign * DataSizes.nestedArrays(v);
        nMap += sign * DataSizes.nestedMaps(v);
        nStr += sign * DataSizes.nestedStrings(v);
        nMem += sign * DataSizes.memory(v);
    }

    @Override
    public Object put(String key, Object value) {
        if (sizesCount == size() + 1) {
            Object old = super.put(key, value);
            if (old == null) {
                nMem += DataSizes.MAP_ENTRY + key.length();
            } else {
                count(old, -1);
            }
            count(value, 1);
            sizesCount = size() + 1;
            return old;
        }
        return super.put(key, value);
    }

    @Override
    public void putAll(Map<? extends String, ?> m) {
        if (sizesCount == size() + 1) {
            for (Map.Entry<? extends String, ?> e : m.entrySet()) {
                put(e.getKey(), e.getValue());
            }
            return;
        }
        super.putAll(m);
    }

    @Override
    public Object remove(Object key) {
        if (sizesCount == size() + 1) {
            Object old = super.remove(key);
            if (old != null) {
                nMem -= DataSizes.MAP_ENTRY + ((String) key).length();
                count(old, -1);
            }
            sizesCount = size() + 1;
            return old;
        }
        return super.remove(key);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
