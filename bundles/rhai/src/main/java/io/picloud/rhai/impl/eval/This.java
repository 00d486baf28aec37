package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.Values;

/** {@code this} inside a function. */
public final class This extends Node implements Place {
    public This(int line, int col) {
        super(line, col);
    }

    @Override
    public Object eval(Frame f) {
        Object v = evalRef(f);
        Values.markShared(v);
        return v;
    }

    @Override
    public Object evalRef(Frame f) {
        if (f.thisValue == null) {
            throw err(ErrorKind.UNBOUND_THIS, "'this' not bound");
        }
        return f.thisValue;
    }

    @Override
    public Object get(Frame f) {
        return evalRef(f);
    }

    @Override
    public void set(Frame f, Object v) {
        evalRef(f);
        f.thisValue = v;
    }

    @Override
    public Object getMut(Frame f) {
        Object o = Place.own(evalRef(f));
        f.thisValue = o;
        return o;
    }

    @Override
    public boolean isConstant(Frame f) {
        return false;
    }
}
