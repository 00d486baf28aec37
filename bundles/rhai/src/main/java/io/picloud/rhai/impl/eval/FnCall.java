package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RFnPtr;
import io.picloud.rhai.impl.runtime.Values;

/** {@code name(args)} and {@code name!(args)}. */
public final class FnCall extends Node {
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

    /** The script function this call runs, resolved as {@link #eval} resolves it; null when it calls a native. */
    FnDef scriptTarget(Context ctx) {
        Target t = target;
        return (t == null ? resolve(ctx) : t).script();
    }

    @Override
    public Object evalRef(Frame f) {
        // a call's result is never a variable's value: reading it through is evaluating it (bound directly,
        // not through Node.evalRef's virtual call)
        return eval(f);
    }

    /**
     * A script function's arguments go straight into the callee's slots (no argument array). The whole path of a
     * script call is this method and {@link Context#enter}: few and small methods, so that the JIT can inline
     * a recursive function's body into one compiled unit.
     */
    @Override
    public Object eval(Frame f) {
        Target t = target;
        if (t == null) {
            t = resolve(f.ctx);
        }
        FnDef fd = t.script();
        if (fd == null) {
            return callOther(f, t.natives());
        }
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
                return Calls.curry(p, rest);
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
            return Calls.callNatives(this, f, name, natives, av, fp);
        } catch (EvalError e) {
            throw err(e);
        }
    }
}
