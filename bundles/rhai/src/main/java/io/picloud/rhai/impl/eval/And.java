package io.picloud.rhai.impl.eval;

final class And extends Logic {
    And(int line, int col, Node l, Node r) {
        super(line, col, l, r);
    }

    @Override
    public Object eval(Frame f) {
        if (!first(l.evalRef(f))) {
            return Boolean.FALSE;
        }
        return second(r.evalRef(f));
    }
}
