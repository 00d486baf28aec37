package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;
import java.util.Optional;

public final class Import extends Node {
    final Node path;
    final String alias;

    public Import(int line, int col, Node path, String alias) {
        super(line, col);
        this.path = path;
        this.alias = alias;
    }

    @Override
    public Object eval(Frame f) {
        Context ctx = f.ctx;
        Object p = path.eval(f);
        if (!(p instanceof String name)) {
            throw err(EvalError.mismatch(Values.typeName(p), "string"));
        }
        int max = ctx.limits.maxModules();
        if (max > 0 && ctx.modules.size() >= max) {
            throw err(ErrorKind.TOO_MANY_MODULES, "Too many modules imported");
        }
        Optional<String> src = ctx.rt.modules.resolve(name);
        if (src.isEmpty()) {
            throw err(ErrorKind.MODULE_NOT_FOUND, "Module not found: " + name);
        }
        ScriptUnit mu;
        try {
            mu = ctx.rt.compiler.compile(name, src.get(), null, 0);
        } catch (RhaiParseException e) {
            throw err(new EvalError(ErrorKind.IN_MODULE, "Error in module '" + name + "': " + e.getMessage()));
        }
        Context mc = new Context(ctx.rt, mu, ctx.limits, null, ctx.hostData);
        mc.blocking = ctx.blocking; // the module's functions run in the importing run
        Frame mf = new Frame(mc, mu.mainFrameSize);
        try {
            mu.main.eval(mf);
        } catch (Signals.Return r) {
            // a module may return early
        } catch (EvalError e) {
            if (!e.catchable()) {
                throw e;
            }
            throw err(new EvalError(ErrorKind.IN_MODULE, "Error in module '" + name + "': " + e.getMessage(), null, e));
        }
        ctx.output.addAll(mc.output);
        Modules.Instance inst = new Modules.Instance(mc);
        mu.exports.forEach((k, slot) -> inst.vars.put(k, Values.unshare(mf.slots[slot])));
        if (alias != null) {
            ctx.modules.put(alias, inst);
        }
        return Unit.UNIT;
    }
}
