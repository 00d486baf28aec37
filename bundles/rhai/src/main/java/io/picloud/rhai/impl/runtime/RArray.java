package io.picloud.rhai.impl.runtime;

import java.util.ArrayList;
import java.util.Collection;

/**
 * A Rhai array. Value semantics are copy-on-write: when a second holder gets the same instance it is marked
 * {@link #shared}; a holder that wants to mutate a shared instance clones it first and keeps the clone.
 *
 * <p>It caches the data sizes of its elements ({@link DataSizes}): appends, single removals and replacements keep
 * the cache; every other structural change (seen through {@code modCount}) drops it. The cache is built on the
 * first count only, so a run without data-size limits never pays for it beyond one comparison per change.
 */
public final class RArray extends ArrayList<Object> {
    public boolean shared;
    /** 1 + the modCount the cached sums belong to; 0: no cache. */
    private int sizesMod;
    long nArr;
    long nMap;
    long nStr;
    long nMem;

    public RArray() {
    }

    public RArray(int capacity) {
        super(capacity);
    }

    public RArray(Collection<?> items) {
        super(items);
    }

    /** A shallow clone whose container elements are marked shared (they now have two holders). */
    public RArray cow() {
        RArray copy = new RArray(this);
        for (Object o : copy) {
            Values.markShared(o);
        }
        if (sizesMod == modCount + 1) {
            copy.nArr = nArr;
            copy.nMap = nMap;
            copy.nStr = nStr;
            copy.nMem = nMem;
            copy.sizesMod = copy.modCount + 1;
        }
        return copy;
    }

    /** Drops the cached sizes: an element may be changing in place. */
    public void invalidateSizes() {
        sizesMod = 0;
    }

    /** Builds the cached sizes if there are none (walks the elements once). */
    void ensureSizes() {
        if (sizesMod != modCount + 1) {
            nArr = 0;
            nMap = 0;
            nStr = 0;
            nMem = 0;
            for (int i = 0, n = size(); i < n; i++) {
                count(get(i), 1);
            }
            sizesMod = modCount + 1;
        }
    }

    private void count(Object e, int sign) {
        nArr += sign * DataSizes.nestedArrays(e);
        nMap += sign * DataSizes.nestedMaps(e);
        nStr += sign * DataSizes.nestedStrings(e);
        nMem += sign * DataSizes.memory(e);
    }

    @Override
    public boolean add(Object e) {
        if (sizesMod == modCount + 1) {
            count(e, 1);
            super.add(e);
            sizesMod = modCount + 1;
            return true;
        }
        return super.add(e);
    }

    @Override
    public boolean addAll(Collection<?> c) {
        if (sizesMod == modCount + 1) {
            for (Object o : c) {
                count(o, 1);
            }
            boolean r = super.addAll(c);
            sizesMod = modCount + 1;
            return r;
        }
        return super.addAll(c);
    }

    @Override
    public Object set(int index, Object e) {
        Object old = super.set(index, e);
        if (sizesMod == modCount + 1) {
            count(old, -1);
            count(e, 1);
        }
        return old;
    }

    @Override
    public Object remove(int index) {
        if (sizesMod == modCount + 1) {
            Object old = super.remove(index);
            count(old, -1);
            sizesMod = modCount + 1;
            return old;
        }
        return super.remove(index);
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
