package io.picloud.rhai.impl.runtime;

/** A variable captured by a closure: every holder reads and writes the same cell. */
public final class SharedCell {
    public Object value;

    public SharedCell(Object value) {
        this.value = value;
    }
}
