package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.Unit;

public final class While extends Node {
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
            if (!first && cond != null && Control.cond(cond, f) == until) {
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
            if (doFirst && Control.cond(cond, f) == until) {
                return Unit.UNIT;
            }
            first = doFirst;
        }
    }
}
