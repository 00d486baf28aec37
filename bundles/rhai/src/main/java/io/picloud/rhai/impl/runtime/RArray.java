package io.picloud.rhai.impl.runtime;

import java.util.ArrayList;
import java.util.Collection;

/**
 * A Rhai array. Value semantics are copy-on-write: when a second holder gets the same instance it is marked
 * {@link #shared}; a holder that wants to mutate a shared instance clones it first and keeps the clone.
 */
public final class RArray extends ArrayList<Object> {
    public boolean shared;

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
