package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RFnPtr;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.SharedCell;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** {@code target.name(args)}: the receiver is passed by reference. */
public final class MethodCall extends Node {
    final Node target;
    final Place place;
    final String name;
    final Node[] args;
    public final boolean optional;
    /** An optional link with more links after it: on () it skips the rest of the chain (OptChain). */
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
                return ctx.callPtr(p, Calls.evalArgs(args, f, 0), null);
            }
            if (name.equals("curry")) {
                return Calls.curry(p, Calls.evalArgs(args, f, 0));
            }
        }
        if (obj instanceof RMap m && m.get(name) instanceof RFnPtr p) {
            Object[] av = Calls.evalArgs(args, f, 0);
            Object r = Calls.callLocked(ctx, lock(f), p, null, av, m);
            writeBackThis(f, m);
            return r;
        }
        if (name.equals("call") && args.length >= 1) {
            Object[] av = Calls.evalArgs(args, f, 0);
            if (av[0] instanceof RFnPtr p) {
                Object r = Calls.callLocked(ctx, lock(f), p, null, java.util.Arrays.copyOfRange(av, 1, av.length), obj);
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
                Object[] av = Calls.evalArgs(args, f, 0);
                Object r = Calls.callLocked(ctx, lock(f), null, fd, av, obj);
                writeBackThis(f, obj);
                return r;
            }
        }
        FunctionTable.Entry[] es = t.natives;
        Object[] av = Calls.evalArgs(args, f, 1);
        av[0] = obj;
        if (es == null) {
            throw EvalError.fnNotFound(Context.signature(name, av));
        }
        return Calls.callNatives(this, f, name, es, av, place, lock(f));
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
