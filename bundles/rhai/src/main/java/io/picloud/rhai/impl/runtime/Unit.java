package io.picloud.rhai.impl.runtime;

/** Rhai's unit value {@code ()}. */
public enum Unit {
    UNIT;

    @Override
    public String toString() {
        return "()";
    }
}
