package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.RFnPtr;

/** {@code name!(args)}: a script function that sees the caller's variables. */
public final class BangCall extends Node {
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
        Object[] av = Calls.evalArgs(args, f, 0);
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
        int savedDepth = ctx.bangDepth;
        try {
            ctx.callDepth++;
            ctx.bangFrame = f;
            ctx.bangNames = visible;
            ctx.bangDepth = ctx.callDepth;
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
            ctx.bangDepth = savedDepth;
        }
    }
}
