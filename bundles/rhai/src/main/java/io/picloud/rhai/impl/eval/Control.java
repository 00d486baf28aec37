package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Values;

/**
 * What the control-flow nodes ({@link Block}, {@link If}, {@link While}, {@link For}, {@link Switch} ...) share:
 * the truth of a condition and the marking of returns in tail position.
 */
public final class Control {
    private Control() {
    }

    static boolean cond(Node n, Frame f) {
        return truth(n.evalRef(f), n);
    }

    /** A condition's value as a boolean; anything but a bool is a type error at the condition {@code n}. */
    static boolean truth(Object c, Node n) {
        if (c instanceof Boolean b) {
            return b;
        }
        throw EvalError.mismatch(Values.typeName(c), "bool").at(n.line, n.col);
    }

    /**
     * Marks the returns of a function body that are in tail position: the last statement of a block that is
     * itself in tail position (the body first), or a branch of an {@code if} in tail position. Such a return
     * ends the function whichever way it is reached, and the value of a block or an {@code if} is its last
     * statement's or its branch's, so returning the value is the same as throwing it to the call. Marking is
     * idempotent (a run that still sees the old flag throws, which gives the same result).
     */
    static void markTailReturns(Node n) {
        while (true) {
            if (n instanceof Return r) {
                r.tail = true;
                return;
            }
            if (n instanceof If i) {
                markTailReturns(i.then);
                n = i.otherwise;
            } else if (n instanceof Block b && b.stmts.length > 0) {
                n = b.stmts[b.stmts.length - 1];
            } else {
                return;
            }
        }
    }
}
