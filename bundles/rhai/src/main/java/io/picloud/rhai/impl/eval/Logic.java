package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Values;

/** {@code &&} and {@code ||}: both operands must be bools; the right one is evaluated only when it decides. */
abstract class Logic extends Bin {
    Logic(int line, int col, Node l, Node r) {
        super(line, col, l, r);
    }

    /** The left operand as a bool (also called by compiled functions, see {@link FnCompiler}). */
    final boolean first(Object a) {
        if (!(a instanceof Boolean x)) {
            throw err(EvalError.mismatch(Values.typeName(a), "bool"));
        }
        return x;
    }

    /** The right operand, which must be a bool: the value of the whole. */
    final Object second(Object b) {
        if (!(b instanceof Boolean)) {
            throw err(EvalError.mismatch(Values.typeName(b), "bool"));
        }
        return b;
    }
}
