package io.picloud.rhai.impl.eval;

/** The local slots of one function (or script) activation. */
public final class Frame {
    public final Object[] slots;
    public final Context ctx;
    /** The method receiver bound to {@code this}, or null when unbound. */
    public Object thisValue;
    /** The frame that called this one while it runs (see {@link Context#top}), or null. */
    Frame parent;

    public Frame(Context ctx, int size) {
        this.ctx = ctx;
        this.slots = new Object[size];
    }

    /** A call's frame: over slots already filled with its arguments, linked to its caller's. */
    Frame(Context ctx, Object[] slots, Object thisValue, Frame parent) {
        this.ctx = ctx;
        this.slots = slots;
        this.thisValue = thisValue;
        this.parent = parent;
    }
}
