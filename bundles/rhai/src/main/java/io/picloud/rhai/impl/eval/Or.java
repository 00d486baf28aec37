package io.picloud.rhai.impl.eval;

final class Or extends Logic {
    Or(int line, int col, Node l, Node r) {
        super(line, col, l, r);
    }

    @Override
    public Object eval(Frame f) {
        if (first(l.evalRef(f))) {
            return Boolean.TRUE;
        }
        return second(r.evalRef(f));
    }
}
