package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Unit;

/** A sequence of statements; its value is the last statement's value. */
public final class Block extends Node {
    final Node[] stmts;
    final int[] weights;
    /** The block contains an eval call: variables eval shadows are restored when the block ends. */
    public boolean evalScope;

    public Block(int line, int col, Node[] stmts) {
        this(line, col, stmts, null);
    }

    /** {@code weights}: operations counted for each statement (Rhai counts every expression node). */
    public Block(int line, int col, Node[] stmts, int[] weights) {
        super(line, col);
        this.stmts = stmts;
        this.weights = weights;
    }

    @Override
    public Object eval(Frame f) {
        if (evalScope) {
            return evalScoped(f);
        }
        Node[] ss = stmts;
        if (ss.length == 1) {
            // one statement (an if's branch, a function's body): small enough to be inlined where it is run
            Node s = ss[0];
            try {
                f.ctx.tick(weights == null ? 1 : weights[0]);
                return s.eval(f);
            } catch (EvalError e) {
                throw limitAt(e, s.line, s.col);
            }
        }
        return body(f);
    }

    private Object evalScoped(Frame f) {
        java.util.ArrayList<Object[]> sh = f.ctx.evalShadows;
        int mark = sh.size();
        try {
            return body(f);
        } finally {
            while (sh.size() > mark) {
                Object[] e = sh.remove(sh.size() - 1);
                ((Frame) e[0]).slots[(Integer) e[1]] = e[2];
            }
        }
    }

    private Object body(Frame f) {
        Object v = Unit.UNIT;
        Context ctx = f.ctx;
        Node[] ss = stmts;
        int[] w = weights;
        int i = 0;
        try {
            for (; i < ss.length; i++) {
                ctx.tick(w == null ? 1 : w[i]);
                v = ss[i].eval(f);
            }
        } catch (EvalError e) {
            // a limit struck where no node knew its position (an operation count, a size check in a native):
            // the statement it struck in is the position reported
            throw limitAt(e, ss[i].line, ss[i].col);
        }
        return v;
    }

    /** A limit error without a position takes that of the statement it struck in. */
    static EvalError limitAt(EvalError e, int line, int col) {
        if (e.line == 0 && !e.catchable()) {
            e.at(line, col);
        }
        return e;
    }
}
