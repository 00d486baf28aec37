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

/**
 * What the call nodes ({@link FnCall}, {@link MethodCall}, {@link BangCall}, {@link Closure} ...) share: argument
 * evaluation, currying, native calls and locking of shared receivers.
 */
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
    static Object callLocked(Context ctx, SharedCell lock, RFnPtr p, FnDef fd, Object[] av, Object self) {
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

    static RFnPtr curry(RFnPtr p, Object[] more) {
        Object[] all = new Object[p.curried.length + more.length];
        System.arraycopy(p.curried, 0, all, 0, p.curried.length);
        System.arraycopy(more, 0, all, p.curried.length, more.length);
        return new RFnPtr(p.name, all, p.fn);
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
