package io.picloud.rhai.impl.eval;

/** {@code is_def_var(name)}: names visible at compile time, then host/eval variables. */
public final class IsDefVar extends Node {
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
