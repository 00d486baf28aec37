package io.picloud.rhai.impl.eval;

/** A compiled script function (or closure body). Closures take their captured cells as leading parameters. */
public final class FnDef {
    public final String name;
    public final int arity;
    public final boolean isPrivate;
    /** For typed methods ({@code fn int.f()}): the {@code type_of} name of {@code this}; null otherwise. */
    public final String thisType;
    public final int line;
    public final int col;
    public int frameSize;
    /** Slot of each argument position (closures: captured cells first); null = slots 0..n-1. */
    public int[] argSlots;
    public Node body;

    public FnDef(String name, int arity, boolean isPrivate, String thisType, int line, int col) {
        this.name = name;
        this.arity = arity;
        this.isPrivate = isPrivate;
        this.thisType = thisType;
        this.line = line;
        this.col = col;
    }

    public boolean isAnonymous() {
        return name.startsWith("anon$");
    }
}
