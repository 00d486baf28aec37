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
    /** The body as calls run it (see {@link #run}); built at the first call, published in one write. */
    private Entry entry;
    /** The body compiled to bytecode ({@link FnCompiler}), or null; published in one write. */
    FnCode code;
    /** Calls so far through the interpreter, counted up to the compile threshold (races may lose counts). */
    int calls;
    /** Compilation was tried (once, under the FnDef's lock: a body the compiler does not handle stays interpreted). */
    boolean compileTried;

    /** A body of one statement is run without its block: the statement and the operations its block counts. */
    private record Entry(Node single, int weight) {
    }

    public FnDef(String name, int arity, boolean isPrivate, String thisType, int line, int col) {
        this.name = name;
        this.arity = arity;
        this.isPrivate = isPrivate;
        this.thisType = thisType;
        this.line = line;
        this.col = col;
    }

    /** Whether the function runs as bytecode ({@link FnCompiler}). */
    public boolean compiled() {
        return code != null;
    }

    public boolean isAnonymous() {
        return name.startsWith("anon$");
    }

    /**
     * Runs the body in a frame the caller set up. A body block of one statement (the common case: an {@code if}
     * or an expression) is run as that block would run it (its operation count first; a limit error without a
     * position takes the statement's), one Java frame less per script call.
     */
    Object run(Frame f) {
        Entry e = entry;
        if (e == null) {
            e = prepare();
        }
        Node s = e.single;
        if (s == null) {
            return body.eval(f);
        }
        try {
            f.ctx.tick(e.weight);
            return s.eval(f);
        } catch (io.picloud.rhai.impl.runtime.EvalError err) {
            throw Block.limitAt(err, s.line, s.col);
        }
    }

    private Entry prepare() {
        Control.markTailReturns(body);
        Entry e = new Entry(null, 0);
        if (body instanceof Block b && !b.evalScope && b.stmts.length == 1) {
            e = new Entry(b.stmts[0], b.weights == null ? 1 : b.weights[0]);
        }
        entry = e;
        return e;
    }
}
