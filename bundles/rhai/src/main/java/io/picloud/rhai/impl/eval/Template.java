package io.picloud.rhai.impl.eval;

/** A back-tick string with interpolations: parts are evaluated and converted with to_string. */
public final class Template extends Node {
    final Node[] parts;

    public Template(int line, int col, Node[] parts) {
        super(line, col);
        this.parts = parts;
    }

    @Override
    public Object eval(Frame f) {
        StringBuilder sb = new StringBuilder();
        for (Node p : parts) {
            Object v = p.evalRef(f);
            if (v instanceof String s) {
                sb.append(s);
            } else {
                Object s = f.ctx.callNative("to_string", new Object[] {v});
                sb.append(s);
            }
        }
        String s = sb.toString();
        f.ctx.checkString(s);
        return s;
    }
}
