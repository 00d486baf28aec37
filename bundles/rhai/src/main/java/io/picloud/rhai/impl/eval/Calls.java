package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.NativeFn;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.RFnPtr;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.SharedCell;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.nio.charset.StandardCharsets;

/** Function calls, method calls, closures. */
public final class Calls {
    private Calls() {
    }

    static Object[] evalArgs(Node[] args, Frame f, int skip) {
        Object[] av = new Object[args.length + skip];
        for (int i = 0; i < args.length; i++) {
            av[i + skip] = args[i].eval(f);
        }
        return av;
    }

    static void blobAppend(RBlob b, Object v) {
        if (v instanceof Long x) {
            b.add(x);
        } else if (v instanceof RBlob o) {
            b.addAll(o.data, 0, o.size);
        } else if (v instanceof String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            b.addAll(bytes, 0, bytes.length);
        } else if (Values.isChar(v)) {
            byte[] bytes = v.toString().getBytes(StandardCharsets.UTF_8);
            b.addAll(bytes, 0, bytes.length);
        } else {
            throw EvalError.fnNotFound("+= (blob, " + Values.typeName(v) + ")");
        }
    }

    /**
     * Calls natives; when the chosen one takes its first argument by reference, it goes through {@code place}.
     * The overload is chosen by its argument types before purity is checked (as in Rhai): a constant receiver
     * is refused only by a mutating overload that would have taken the arguments.
     */
    static Object callNatives(Node site, Frame f, String name, FunctionTable.Entry[] entries, Object[] av, Place place) {
        return callNatives(site, f, name, entries, av, place, null);
    }

    /** As above; {@code lock} is the receiver's captured variable, locked while a native runs (see SharedCell). */
    static Object callNatives(Node site, Frame f, String name, FunctionTable.Entry[] entries, Object[] av, Place place,
                              SharedCell lock) {
        Context ctx = f.ctx;
        for (FunctionTable.Entry e : entries) {
            Object r;
            if (e.mutating() && place != null) {
                if (place.isConstant(f)) {
                    if (!OverloadProbe.accepts(ctx, e.fn(), av)) {
                        continue;
                    }
                    throw site.err(ErrorKind.NON_PURE_METHOD_CALL_ON_CONSTANT,
                            "Non-pure method '" + name + "' cannot be called on constant");
                }
                Object obj = place.getMut(f);
                av[0] = obj;
                r = call(e.fn(), ctx, av, lock);
                if (r == NativeFn.NO_MATCH) {
                    continue;
                }
                if (av[0] != obj) {
                    place.set(f, av[0]);
                }
                ctx.checkValue(av[0]);
            } else {
                if (e.mutating() && av.length > 0) {
                    // no place to write back: work on a value of its own, never on one a variable still holds
                    av[0] = Place.own(av[0]);
                }
                r = call(e.fn(), ctx, av, lock);
                if (r == NativeFn.NO_MATCH) {
                    continue;
                }
            }
            if (!(r instanceof Long) && !(r instanceof Boolean) && r != Unit.UNIT) {
                if (av.length > 0 && r == av[0]) {
                    Values.markShared(r);
                }
                ctx.checkValue(r);
            }
            return r;
        }
        throw site.err(EvalError.fnNotFound(Context.signature(name, av)));
    }

    private static Object call(NativeFn fn, Context ctx, Object[] av, SharedCell lock) {
        if (lock == null) {
            return fn.call(ctx, av);
        }
        boolean was = lock.locked;
        lock.locked = true;
        try {
            return fn.call(ctx, av);
        } finally {
            lock.locked = was;
        }
    }

    /**
     * Calls a function pointer ({@code p}) or a script function ({@code fd}) as a method on {@code self}, with the
     * receiver's captured variable ({@code lock}, may be null) locked meanwhile.
     */
    private static Object callLocked(Context ctx, SharedCell lock, RFnPtr p, FnDef fd, Object[] av, Object self) {
        if (lock == null) {
            return p != null ? ctx.callPtr(p, av, self) : ctx.callScript(fd, av, self);
        }
        boolean was = lock.locked;
        lock.locked = true;
        try {
            return p != null ? ctx.callPtr(p, av, self) : ctx.callScript(fd, av, self);
        } finally {
            lock.locked = was;
        }
    }

    /** {@code name(args)} and {@code name!(args)}. */
    public static final class FnCall extends Node {
        final String name;
        final Node[] args;
        final Place firstPlace;
        /** The call-site cache; published in one write of an immutable object (safe across threads). */
        private Target target;

        private record Target(FnDef script, FunctionTable.Entry[] natives) {
        }

        public FnCall(int line, int col, String name, Node[] args, Place firstPlace) {
            super(line, col);
            this.name = name;
            this.args = args;
            this.firstPlace = firstPlace;
        }

        private Target resolve(Context ctx) {
            FnDef script = ctx.unit.function(name, args.length);
            Target t = new Target(script, script == null ? ctx.rt.natives.lookup(name, args.length) : null);
            target = t;
            return t;
        }

        @Override
        public Object evalRef(Frame f) {
            // a call's result is never a variable's value: reading it through is evaluating it (bound directly,
            // not through Node.evalRef's virtual call)
            return eval(f);
        }

        @Override
        public Object eval(Frame f) {
            Target t = target;
            if (t == null) {
                t = resolve(f.ctx);
            }
            FnDef fd = t.script();
            return fd != null ? callScript(f, fd) : callOther(f, t.natives());
        }

        /** A script function: the arguments go straight into the callee's slots (no argument array). */
        private Object callScript(Frame f, FnDef fd) {
            Node[] a = args;
            Object[] slots = new Object[fd.frameSize];
            int[] as = fd.argSlots;
            for (int i = 0; i < a.length; i++) {
                Object v = a[i].eval(f);
                slots[as == null ? i : as[i]] = v;
            }
            try {
                return f.ctx.enter(fd, slots, null);
            } catch (EvalError e) {
                throw err(e);
            }
        }

        /** Natives, and {@code call}/{@code curry} on a function pointer. */
        private Object callOther(Frame f, FunctionTable.Entry[] natives) {
            Context ctx = f.ctx;
            // a captured (shared) variable as first argument is passed by value, as Rhai does: the function
            // sees a snapshot and what it changes is not written back
            // (checked after the arguments, which may create the closure that captures it)
            Object[] av = new Object[args.length];
            for (int i = 0; i < av.length; i++) {
                av[i] = (i == 0 && firstPlace != null) ? args[0].evalRef(f) : args[i].eval(f);
            }
            Place fp = firstPlace;
            if (fp != null && fp.sharedRoot(f) != null) {
                fp = null;
                Values.markShared(av[0]);
            }
            if (args.length > 0 && av[0] instanceof RFnPtr p && (name.equals("call") || name.equals("curry"))) {
                Object[] rest = java.util.Arrays.copyOfRange(av, 1, av.length);
                if (name.equals("curry")) {
                    return curry(p, rest);
                }
                try {
                    return ctx.callPtr(p, rest, null);
                } catch (EvalError e) {
                    throw err(e);
                }
            }
            if (natives == null) {
                throw err(EvalError.fnNotFound(Context.signature(name, av)));
            }
            try {
                return callNatives(this, f, name, natives, av, fp);
            } catch (EvalError e) {
                throw err(e);
            }
        }
    }

    static RFnPtr curry(RFnPtr p, Object[] more) {
        Object[] all = new Object[p.curried.length + more.length];
        System.arraycopy(p.curried, 0, all, 0, p.curried.length);
        System.arraycopy(more, 0, all, p.curried.length, more.length);
        return new RFnPtr(p.name, all, p.fn);
    }

    /** {@code target.name(args)}: the receiver is passed by reference. */
    public static final class MethodCall extends Node {
        final Node target;
        final Place place;
        final String name;
        final Node[] args;
        public final boolean optional;
        /** An optional link with more links after it: on () it skips the rest of the chain (Access.OptChain). */
        public boolean chained;

        public MethodCall(int line, int col, Node target, Place place, String name, Node[] args, boolean optional) {
            super(line, col);
            this.target = target;
            this.place = place;
            this.name = name;
            this.args = args;
            this.optional = optional;
        }

        @Override
        public Object eval(Frame f) {
            Context ctx = f.ctx;
            Object obj = place != null ? place.get(f) : target.evalRef(f);
            if (optional && obj == Unit.UNIT) {
                if (chained) {
                    throw Access.SKIP;
                }
                return Unit.UNIT;
            }
            try {
                return dispatch(f, ctx, obj);
            } catch (EvalError e) {
                throw err(e);
            }
        }

        /**
         * Call-site cache: does the script define this name at all, the natives of this arity, the script
         * function of this arity without a receiver type, and whether any has one ({@code fn int.f()}).
         */
        private record MethodTarget(ScriptUnit unit, boolean scriptNamed, FunctionTable.Entry[] natives,
                                    FnDef untyped, boolean typed) {
            static MethodTarget of(ScriptUnit unit, FunctionTable natives, String name, int arity) {
                boolean named = unit.hasFunctionNamed(name);
                boolean typed = false;
                if (named) {
                    String prefix = ScriptUnit.key(name, arity) + "#";
                    for (String k : unit.functions.keySet()) {
                        typed |= k.startsWith(prefix);
                    }
                }
                return new MethodTarget(unit, named, natives.lookup(name, arity + 1),
                        named ? unit.function(name, arity) : null, typed);
            }
        }

        private MethodTarget cache;

        /**
         * The receiver's captured variable, if any, locked while script code or a native runs for the call; asked
         * after the arguments are evaluated (they may create the closure that captures it).
         */
        private SharedCell lock(Frame f) {
            return place == null ? null : place.sharedRoot(f);
        }

        private Object dispatch(Frame f, Context ctx, Object obj) {
            if (obj instanceof RFnPtr p) {
                if (name.equals("call")) {
                    return ctx.callPtr(p, evalArgs(args, f, 0), null);
                }
                if (name.equals("curry")) {
                    return curry(p, evalArgs(args, f, 0));
                }
            }
            if (obj instanceof RMap m && m.get(name) instanceof RFnPtr p) {
                Object[] av = evalArgs(args, f, 0);
                Object r = callLocked(ctx, lock(f), p, null, av, m);
                writeBackThis(f, m);
                return r;
            }
            if (name.equals("call") && args.length >= 1) {
                Object[] av = evalArgs(args, f, 0);
                if (av[0] instanceof RFnPtr p) {
                    Object r = callLocked(ctx, lock(f), p, null, java.util.Arrays.copyOfRange(av, 1, av.length), obj);
                    writeBackThis(f, obj);
                    return r;
                }
            }
            MethodTarget t = cache;
            if (t == null || t.unit != ctx.unit) {
                t = MethodTarget.of(ctx.unit, ctx.rt.natives, name, args.length);
                cache = t;
            }
            if (t.scriptNamed) {
                FnDef fd = t.typed
                        ? ctx.unit.functions.get(ScriptUnit.key(name, args.length) + "#" + Values.typeName(obj))
                        : null;
                if (fd == null) {
                    fd = t.untyped;
                }
                if (fd != null) {
                    Object[] av = evalArgs(args, f, 0);
                    Object r = callLocked(ctx, lock(f), null, fd, av, obj);
                    writeBackThis(f, obj);
                    return r;
                }
            }
            FunctionTable.Entry[] es = t.natives;
            Object[] av = evalArgs(args, f, 1);
            av[0] = obj;
            if (es == null) {
                throw EvalError.fnNotFound(Context.signature(name, av));
            }
            return callNatives(this, f, name, es, av, place, lock(f));
        }

        private void writeBackThis(Frame f, Object old) {
            Object now = f.ctx.lastThis;
            if (place != null && now != old && now != null) {
                if (place.isConstant(f)) {
                    throw err(ErrorKind.NON_PURE_METHOD_CALL_ON_CONSTANT, "Non-pure method '" + name
                            + "' cannot be called on constant");
                }
                place.set(f, now);
            }
        }
    }

    /** {@code name!(args)}: a script function that sees the caller's variables. */
    public static final class BangCall extends Node {
        final String name;
        final Node[] args;
        final java.util.Map<String, Integer> visible;

        public BangCall(int line, int col, String name, Node[] args, java.util.Map<String, Integer> visible) {
            super(line, col);
            this.name = name;
            this.args = args;
            this.visible = visible;
        }

        @Override
        public Object eval(Frame f) {
            Context ctx = f.ctx;
            Object[] av = evalArgs(args, f, 0);
            if (name.equals("call") && av.length > 0 && av[0] instanceof RFnPtr p && p.fn == null) {
                FnDef fd = ctx.unit.function(p.name, av.length - 1);
                if (fd != null) {
                    return invoke(f, ctx, fd, java.util.Arrays.copyOfRange(av, 1, av.length));
                }
            }
            FnDef fd = ctx.unit.function(name, av.length);
            if (fd == null) {
                throw err(EvalError.fnNotFound(Context.signature(name, av)));
            }
            return invoke(f, ctx, fd, av);
        }

        private Object invoke(Frame f, Context ctx, FnDef fd, Object[] av) {
            Frame savedFrame = ctx.bangFrame;
            java.util.Map<String, Integer> savedNames = ctx.bangNames;
            try {
                ctx.callDepth++;
                ctx.bangFrame = f;
                ctx.bangNames = visible;
                Frame nf = new Frame(ctx, fd.frameSize);
                System.arraycopy(av, 0, nf.slots, 0, av.length);
                nf.parent = ctx.top;
                ctx.top = nf;
                try {
                    return fd.body.eval(nf);
                } catch (Signals.Return r) {
                    return r.value;
                } finally {
                    ctx.top = nf.parent;
                }
            } catch (EvalError e) {
                throw err(e);
            } finally {
                ctx.callDepth--;
                ctx.bangFrame = savedFrame;
                ctx.bangNames = savedNames;
            }
        }
    }

    /** Creates a closure: captured variables become shared cells passed as leading curried arguments. */
    public static final class Closure extends Node {
        final FnDef fn;
        final int[] captureSlots;

        public Closure(int line, int col, FnDef fn, int[] captureSlots) {
            super(line, col);
            this.fn = fn;
            this.captureSlots = captureSlots;
        }

        @Override
        public Object eval(Frame f) {
            Object[] cells = new Object[captureSlots.length];
            for (int i = 0; i < cells.length; i++) {
                int s = captureSlots[i];
                Object v = f.slots[s];
                if (v instanceof io.picloud.rhai.impl.runtime.StrBuf b) {
                    v = b.get();
                }
                if (!(v instanceof SharedCell)) {
                    v = new SharedCell(v == null ? Unit.UNIT : v);
                    f.slots[s] = v;
                }
                cells[i] = v;
            }
            return new RFnPtr(fn.name, cells, fn);
        }
    }

    /** {@code is_shared(x)} on a variable. */
    public static final class IsShared extends Node {
        final int slot;

        public IsShared(int line, int col, int slot) {
            super(line, col);
            this.slot = slot;
        }

        @Override
        public Object eval(Frame f) {
            return slot >= 0 && f.slots[slot] instanceof SharedCell;
        }
    }

    /** {@code is_def_var(name)}: names visible at compile time, then host/eval variables. */
    public static final class IsDefVar extends Node {
        final Node arg;
        final java.util.Set<String> visible;

        public IsDefVar(int line, int col, Node arg, java.util.Set<String> visible) {
            super(line, col);
            this.arg = arg;
            this.visible = visible;
        }

        @Override
        public Object eval(Frame f) {
            Object n = arg.eval(f);
            String s = String.valueOf(n);
            return visible.contains(s) || f.ctx.dynVars.containsKey(s);
        }
    }

    /** {@code f.curry(...)} helper reachable from natives. */
    public static RFnPtr curryPtr(RFnPtr p, Object[] more) {
        return curry(p, more);
    }

    /** Creates an array from values (marks container elements shared). */
    public static RArray arrayOf(Object... items) {
        RArray a = new RArray(items.length);
        for (Object o : items) {
            Values.markShared(o);
            a.add(o);
        }
        return a;
    }

    /** Map helper used by packages. */
    public static RMap mapOf() {
        return new RMap();
    }
}
