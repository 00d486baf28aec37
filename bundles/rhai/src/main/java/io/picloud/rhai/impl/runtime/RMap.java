package io.picloud.rhai.impl.runtime;

import java.util.Map;
import java.util.TreeMap;

/** A Rhai object map: string keys kept in key order (like Rhai's BTreeMap); copy-on-write like {@link RArray}. */
public final class RMap extends TreeMap<String, Object> {
    public boolean shared;

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
        return copy;
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
