package io.picloud.rhai.impl.runtime;

/** A variable captured by a closure: every holder reads and writes the same cell. */
public final class SharedCell {
    public Object value;
    /**
     * Set while a method call on this variable runs (Rhai write-locks a shared receiver for the call): the script
     * reaching the variable meanwhile, through a closure, is a data race.
     */
    public boolean locked;

    public SharedCell(Object value) {
        this.value = value;
    }
}
