package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;
import java.util.HashMap;
import java.util.Map;

/** {@code eval(script)}: compiled at run time, sees and may assign the caller's visible variables. */
public final class Eval extends Node {
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
