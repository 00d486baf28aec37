package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.RIterator;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.SharedCell;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** Blocks, conditionals, loops and jumps. */
public final class Control {
    private Control() {
    }

    static boolean cond(Node n, Frame f) {
        Object c = n.evalRef(f);
        if (c instanceof Boolean b) {
            return b;
        }
        throw EvalError.mismatch(Values.typeName(c), "bool").at(n.line, n.col);
    }

    /** A sequence of statements; its value is the last statement's value. */
    public static final class Block extends Node {
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
                    if (e.line == 0 && !e.catchable()) {
                        e.at(s.line, s.col);
                    }
                    throw e;
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
                if (e.line == 0 && !e.catchable()) {
                    e.at(ss[i].line, ss[i].col);
                }
                throw e;
            }
            return v;
        }
    }

    public static final class If extends Node {
        final Node cond;
        final Node then;
        final Node otherwise;

        public If(int line, int col, Node cond, Node then, Node otherwise) {
            super(line, col);
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        public Object eval(Frame f) {
            if (cond(cond, f)) {
                return then.eval(f);
            }
            return otherwise == null ? Unit.UNIT : otherwise.eval(f);
        }
    }

    public static final class While extends Node {
        final Node cond;
        final Node body;
        final boolean until;
        final boolean doFirst;
        public int condWeight = 1;

        public While(int line, int col, Node cond, Node body, boolean until, boolean doFirst) {
            super(line, col);
            this.cond = cond;
            this.body = body;
            this.until = until;
            this.doFirst = doFirst;
        }

        @Override
        public Object eval(Frame f) {
            Context ctx = f.ctx;
            boolean first = doFirst;
            int w = condWeight;
            while (true) {
                ctx.tick(w);
                if (!first && cond != null && cond(cond, f) == until) {
                    return Unit.UNIT;
                }
                first = false;
                try {
                    body.eval(f);
                } catch (Signals.Continue c) {
                    // next iteration
                } catch (Signals.Break b) {
                    return b.value;
                }
                if (doFirst && cond(cond, f) == until) {
                    return Unit.UNIT;
                }
                first = doFirst;
            }
        }
    }

    /** {@code for x in iterable} / {@code for (x, i) in iterable}. */
    public static final class For extends Node {
        final int varSlot;
        final int counterSlot;
        final Node iterable;
        final Node body;

        public For(int line, int col, int varSlot, int counterSlot, Node iterable, Node body) {
            super(line, col);
            this.varSlot = varSlot;
            this.counterSlot = counterSlot;
            this.iterable = iterable;
            this.body = body;
        }

        private void assign(Frame f, Object v, long i) {
            Object[] s = f.slots;
            if (s[varSlot] instanceof SharedCell c) {
                c.value = v;
            } else {
                s[varSlot] = v;
            }
            if (counterSlot >= 0) {
                if (s[counterSlot] instanceof SharedCell c) {
                    c.value = i;
                } else {
                    s[counterSlot] = i;
                }
            }
        }

        /** Runs the body once; returns false when the loop must stop (break). */
        private boolean step(Frame f) {
            try {
                body.eval(f);
                return true;
            } catch (Signals.Continue c) {
                return true;
            }
        }

        @Override
        public Object eval(Frame f) {
            Object it = iterable.eval(f);
            Context ctx = f.ctx;
            f.slots[varSlot] = null;
            if (counterSlot >= 0) {
                f.slots[counterSlot] = null;
            }
            try {
                if (it instanceof RRange r) {
                    long end = r.endExclusive();
                    long i = 0;
                    for (long x = r.start(); x < end; x++, i++) {
                        ctx.tick();
                        assign(f, x, i);
                        step(f);
                        if (x == Long.MAX_VALUE) {
                            break;
                        }
                    }
                } else if (it instanceof RArray a) {
                    Object[] items = a.toArray();
                    for (int i = 0; i < items.length; i++) {
                        ctx.tick();
                        Values.markShared(items[i]);
                        assign(f, items[i], i);
                        step(f);
                    }
                } else if (it instanceof String s) {
                    long i = 0;
                    for (int k = 0; k < s.length(); ) {
                        int cp = s.codePointAt(k);
                        k += Character.charCount(cp);
                        ctx.tick();
                        assign(f, Values.charOf(cp), i++);
                        step(f);
                    }
                } else if (it instanceof RBlob b) {
                    byte[] data = b.toBytes();
                    for (int i = 0; i < data.length; i++) {
                        ctx.tick();
                        assign(f, (long) (data[i] & 0xFF), i);
                        step(f);
                    }
                } else if (it instanceof RIterator ri) {
                    long i = 0;
                    while (ri.it.hasNext()) {
                        ctx.tick();
                        assign(f, ri.it.next(), i++);
                        step(f);
                    }
                } else {
                    throw err(ErrorKind.FOR, "For loop expects iterable type");
                }
            } catch (Signals.Break b) {
                return b.value;
            }
            return Unit.UNIT;
        }
    }

    public static final class Break extends Node {
        final Node value;

        public Break(int line, int col, Node value) {
            super(line, col);
            this.value = value;
        }

        @Override
        public Object eval(Frame f) {
            throw new Signals.Break(value == null ? Unit.UNIT : value.eval(f));
        }
    }

    public static final class Continue extends Node {
        public Continue(int line, int col) {
            super(line, col);
        }

        @Override
        public Object eval(Frame f) {
            throw Signals.Continue.INSTANCE;
        }
    }

    public static final class Return extends Node {
        final Node value;
        /**
         * Set by {@link #markTailReturns} when this return is the last thing its function does: its value then
         * flows out of the enclosing blocks and ifs as their value, and no signal is thrown.
         */
        boolean tail;

        public Return(int line, int col, Node value) {
            super(line, col);
            this.value = value;
        }

        @Override
        public Object eval(Frame f) {
            Object v = value == null ? Unit.UNIT : value.eval(f);
            if (tail) {
                return v;
            }
            throw new Signals.Return(v);
        }
    }

    /**
     * Marks the returns of a function body that are in tail position: the last statement of a block that is
     * itself in tail position (the body first), or a branch of an {@code if} in tail position. Such a return
     * ends the function whichever way it is reached, and the value of a block or an {@code if} is its last
     * statement's or its branch's, so returning the value is the same as throwing it to the call. Marking is
     * idempotent (a run that still sees the old flag throws, which gives the same result).
     */
    static void markTailReturns(Node n) {
        while (true) {
            if (n instanceof Return r) {
                r.tail = true;
                return;
            }
            if (n instanceof If i) {
                markTailReturns(i.then);
                n = i.otherwise;
            } else if (n instanceof Block b && b.stmts.length > 0) {
                n = b.stmts[b.stmts.length - 1];
            } else {
                return;
            }
        }
    }

    public static final class Throw extends Node {
        final Node value;

        public Throw(int line, int col, Node value) {
            super(line, col);
            this.value = value;
        }

        @Override
        public Object eval(Frame f) {
            if (value == null && f.ctx.caught != null) {
                throw f.ctx.caught;
            }
            Object v = value == null ? Unit.UNIT : value.eval(f);
            throw err(EvalError.runtime(v, Values.toStr(v)));
        }
    }

    public static final class Try extends Node {
        final Node body;
        final int errSlot;
        final Node handler;

        public Try(int line, int col, Node body, int errSlot, Node handler) {
            super(line, col);
            this.body = body;
            this.errSlot = errSlot;
            this.handler = handler;
        }

        @Override
        public Object eval(Frame f) {
            int depth = f.ctx.callDepth;
            try {
                return body.eval(f);
            } catch (EvalError e) {
                if (!e.catchable()) {
                    throw e;
                }
                f.ctx.callDepth = depth;
                if (errSlot >= 0) {
                    f.slots[errSlot] = errorValue(e);
                }
                EvalError saved = f.ctx.caught;
                f.ctx.caught = e;
                try {
                    // Rhai discards the catch block's value: the statement is () when it runs (eval/stmt.rs).
                    handler.eval(f);
                    return Unit.UNIT;
                } finally {
                    f.ctx.caught = saved;
                }
            } catch (StackOverflowError so) {
                throw new EvalError(ErrorKind.STACK_OVERFLOW, "Stack overflow").at(line, col);
            }
        }

        /**
         * What {@code catch (err)} binds, as Rhai's {@code Stmt::TryCatch} builds it: the thrown value when the
         * innermost error is a {@code throw}; otherwise a map of the outermost error (an
         * {@code ErrorInFunctionCall} wrapper stays the wrapper): {@code error}, {@code message} (its display
         * without its own position: a wrapper's carries the inner errors with theirs and the call suffixes),
         * {@code line}/{@code position} when positioned, and the fields of {@code EvalAltResult::dump_fields}.
         */
        static Object errorValue(EvalError e) {
            EvalError root = e;
            while (root.inner != null && root.is(ErrorKind.IN_FUNCTION_CALL)) {
                root = root.inner;
            }
            if (root.is(ErrorKind.RUNTIME)) {
                return root.value == null ? Unit.UNIT : root.value;
            }
            RMap m = new RMap();
            m.put("error", e.kind);
            m.put("message", CatchFields.message(e));
            if (e.line > 0) {
                m.put("line", (long) e.line);
                m.put("position", (long) e.column);
            }
            CatchFields.fill(e, m);
            return m;
        }
    }

    /** {@code switch}: exact-value cases first, then range cases, then the default. */
    public static final class Switch extends Node {
        /** One arm. */
        public record Case(Object[] values, RRange[] ranges, Node guard, Node body) {
        }

        final Node subject;
        final Case[] cases;
        final Node deflt;

        public Switch(int line, int col, Node subject, Case[] cases, Node deflt) {
            super(line, col);
            this.subject = subject;
            this.cases = cases;
            this.deflt = deflt;
        }

        /**
         * Rhai matches exact-value cases by hash, the type included (eval/stmt.rs, Dynamic's Hash): a string
         * never matches a char, an int never a float, and floats match bit for bit (0.0 is not -0.0, no epsilon).
         */
        private static boolean same(Object a, Object b) {
            if (Values.isChar(a)) {
                return Values.isChar(b) && a.toString().equals(b.toString());
            }
            if (a instanceof Double x) {
                return b instanceof Double y && Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
            }
            return a.equals(b);
        }

        @Override
        public Object eval(Frame f) {
            Object v = subject.evalRef(f);
            if (v instanceof RRange vr) {
                for (Case c : cases) {
                    if (c.ranges != null) {
                        for (RRange r : c.ranges) {
                            if (r.equals(vr) && (c.guard == null || cond(c.guard, f))) {
                                return c.body.eval(f);
                            }
                        }
                    }
                }
            }
            for (Case c : cases) {
                if (c.values == null) {
                    continue;
                }
                for (Object cv : c.values) {
                    if (same(cv, v) && (c.guard == null || cond(c.guard, f))) {
                        return c.body.eval(f);
                    }
                }
            }
            if (v instanceof Long || v instanceof Double) {
                double dv = v instanceof Long l ? l : (Double) v;
                for (Case c : cases) {
                    if (c.ranges == null) {
                        continue;
                    }
                    for (RRange r : c.ranges) {
                        boolean in = v instanceof Long l ? r.contains(l)
                                : dv >= r.start() && (r.inclusive() ? dv <= r.end() : dv < r.end());
                        if (in && (c.guard == null || cond(c.guard, f))) {
                            return c.body.eval(f);
                        }
                    }
                }
            }
            return deflt == null ? Unit.UNIT : deflt.eval(f);
        }
    }
}
