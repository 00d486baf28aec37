package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Values;

/** {@code == != < <= > >=}: INT against INT in {@link #eval} itself, every other pair in {@link #other}. */
final class Compare extends Bin {
    final int kind;

    Compare(int line, int col, String op, Node l, Node r) {
        super(line, col, l, r);
        this.kind = switch (op) {
            case "==" -> 0;
            case "!=" -> 1;
            case "<" -> 2;
            case "<=" -> 3;
            case ">" -> 4;
            default -> 5;
        };
    }

    @Override
    public Object evalRef(Frame f) {
        // an operator's result is never a variable's value: reading it through is evaluating it, bound here
        // (not through Node.evalRef's shared virtual call, whose poor profile keeps the JIT from inlining)
        return eval(f);
    }

    @Override
    public Object eval(Frame f) {
        return apply(l.evalRef(f), r.evalRef(f));
    }

    /** The comparison of two operands (also called by compiled functions, see {@link FnCompiler}). */
    Object apply(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            // the common case kept small, so that the JIT inlines it where the comparison is used (a condition)
            return ints(kind, x, y);
        }
        return other(a, b);
    }

    private static boolean ints(int kind, long p, long q) {
        return switch (kind) {
            case 0 -> p == q;
            case 1 -> p != q;
            case 2 -> p < q;
            case 3 -> p <= q;
            case 4 -> p > q;
            default -> p >= q;
        };
    }

    private Object other(Object a, Object b) {
        if (a instanceof Double x) {
            if (b instanceof Double y) {
                return Values.floatRel(kind, x, y);
            }
            if (b instanceof Long y) {
                return Values.floatRel(kind, x, y);
            }
        } else if (a instanceof Long x && b instanceof Double y) {
            return Values.floatRel(kind, x, y);
        }
        if (kind == 0) {
            return Values.eq(a, b);
        }
        if (kind == 1) {
            return !Values.eq(a, b);
        }
        return ordered(a, b);
    }

    private Object ordered(Object a, Object b) {
        int c;
        try {
            c = Values.compare(a, b);
        } catch (EvalError e) {
            throw err(e);
        }
        if (c == Integer.MIN_VALUE || c == 2) {
            return false;
        }
        return switch (kind) {
            case 2 -> c < 0;
            case 3 -> c <= 0;
            case 4 -> c > 0;
            default -> c >= 0;
        };
    }
}
