package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.Unit;

/** {@code let x = e;} / {@code const X = e;} */
public final class Let extends Node {
    final int slot;
    final Node init;
    final String globalConstName;
    final int varCount;

    public Let(int line, int col, int slot, Node init, String globalConstName, int varCount) {
        super(line, col);
        this.slot = slot;
        this.init = init;
        this.globalConstName = globalConstName;
        this.varCount = varCount;
    }

    @Override
    public Object eval(Frame f) {
        Object v = init == null ? Unit.UNIT : init.eval(f);
        checkCount(f.ctx);
        f.slots[slot] = v;
        if (globalConstName != null) {
            f.ctx.globalConstants.put(globalConstName, v);
        }
        return Unit.UNIT;
    }

    /** The variables limit (also checked by compiled functions, see {@link FnCompiler}). */
    void checkCount(Context ctx) {
        int max = ctx.limits.maxVariables();
        if (max > 0 && varCount > max) {
            throw err(ErrorKind.TOO_MANY_VARIABLES, "Too many variables");
        }
    }
}
