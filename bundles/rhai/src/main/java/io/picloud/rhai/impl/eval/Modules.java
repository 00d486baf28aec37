package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.SharedCell;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code import}, namespaced access {@code m::x} / {@code m::f()}, and {@code eval}. */
public final class Modules {
    private Modules() {
    }

    /** A loaded module: its run context (for calling its functions) and exported variables. */
    static final class Instance {
        final Context ctx;
        final Map<String, Object> vars = new HashMap<>();

        Instance(Context ctx) {
            this.ctx = ctx;
        }
    }

    public static final class Import extends Node {
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
            Instance inst = new Instance(mc);
            mu.exports.forEach((k, slot) -> inst.vars.put(k, Values.unshare(mf.slots[slot])));
            if (alias != null) {
                ctx.modules.put(alias, inst);
            }
            return Unit.UNIT;
        }
    }

    public static final class Ref extends Node {
        final List<String> path;
        final String name;
        final Node[] args;

        public Ref(int line, int col, List<String> path, String name, Node[] args) {
            super(line, col);
            this.path = List.copyOf(path);
            this.name = name;
            this.args = args;
        }

        @Override
        public Object eval(Frame f) {
            Object m = f.ctx.modules.get(path.get(0));
            if (!(m instanceof Instance inst)) {
                throw err(ErrorKind.MODULE_NOT_FOUND, "Module not found: " + String.join("::", path));
            }
            if (args == null) {
                Object v = inst.vars.get(name);
                if (v == null) {
                    throw err(ErrorKind.VARIABLE_NOT_FOUND, "Variable not found: " + String.join("::", path) + "::" + name);
                }
                Values.markShared(v);
                return v;
            }
            Object[] av = Calls.evalArgs(args, f, 0);
            FnDef fd = inst.ctx.unit.function(name, av.length);
            if (fd == null || fd.isPrivate) {
                throw err(EvalError.fnNotFound(String.join("::", path) + "::" + Context.signature(name, av)));
            }
            try {
                return inst.ctx.callScript(fd, av, null);
            } catch (EvalError e) {
                throw err(e);
            }
        }
    }

    /** {@code eval(script)}: compiled at run time, sees and may assign the caller's visible variables. */
    public static final class Eval extends Node {
        final Node source;
        final Map<String, Integer> visible;
        final int frameSize;
        final boolean enabled;
        final boolean topBlock;

        public Eval(int line, int col, Node source, Map<String, Integer> visible, int frameSize, boolean enabled,
                    boolean topBlock) {
            super(line, col);
            this.topBlock = topBlock;
            this.source = source;
            this.visible = visible;
            this.frameSize = frameSize;
            this.enabled = enabled;
        }

        @Override
        public Object eval(Frame f) {
            Context ctx = f.ctx;
            if (!enabled && !ctx.rt.evalEnabled) {
                throw err(EvalError.fnNotFound("eval (" + Values.typeName(source.eval(f)) + ")"));
            }
            Object s = source.eval(f);
            if (!(s instanceof String src)) {
                throw err(EvalError.mismatch(Values.typeName(s), "string"));
            }
            ScriptUnit u;
            try {
                u = ctx.rt.compiler.compile("eval", src, visible, f.slots.length);
            } catch (RhaiParseException e) {
                // Rhai wraps every error of eval, a parse error of its source too, in ErrorInFunctionCall("eval")
                EvalError pe = new EvalError(ErrorKind.PARSING, "Syntax error: " + e.getMessage());
                if (!e.errors().isEmpty()) {
                    pe.at(e.errors().get(0).line(), e.errors().get(0).column());
                }
                throw err(new EvalError(ErrorKind.IN_FUNCTION_CALL, pe.getMessage() + "\nin call to function 'eval'", null, pe));
            }
            int size = Math.max(u.mainFrameSize, f.slots.length);
            Frame ef = new Frame(ctx, size);
            System.arraycopy(f.slots, 0, ef.slots, 0, f.slots.length);
            ef.thisValue = f.thisValue;
            Object result;
            Map<String, Object> savedConstants = topBlock ? null : new HashMap<>(ctx.globalConstants);
            try {
                result = u.main.eval(ef);
            } catch (EvalError e) {
                throw err(new EvalError(ErrorKind.IN_FUNCTION_CALL, e.getMessage() + "\nin call to function 'eval'", null, e));
            } finally {
                if (savedConstants != null) {
                    ctx.globalConstants.clear();
                    ctx.globalConstants.putAll(savedConstants);
                }
                System.arraycopy(ef.slots, 0, f.slots, 0, f.slots.length);
                u.topLevelNames.forEach((name, slot) -> {
                    if (slot >= f.slots.length) {
                        Object v = Values.unshare(ef.slots[slot]);
                        v = v == null ? Unit.UNIT : v;
                        Integer outer = visible.get(name);
                        if (outer == null) {
                            ctx.dynVars.put(name, v);
                        } else {
                            if (!topBlock) {
                                ctx.evalShadows.add(new Object[] {f, outer, f.slots[outer]});
                            }
                            f.slots[outer] = v;
                        }
                    }
                });
            }
            return result;
        }
    }
}
