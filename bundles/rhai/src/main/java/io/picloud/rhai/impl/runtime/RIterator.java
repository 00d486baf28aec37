package io.picloud.rhai.impl.runtime;

import java.util.Iterator;

/** An iterator value (e.g. from {@code range(a, b, step)} or {@code chars()}), usable once in a {@code for}. */
public final class RIterator {
    public final String typeName;
    public final Iterator<Object> it;

    public RIterator(String typeName, Iterator<Object> it) {
        this.typeName = typeName;
        this.it = it;
    }
}
