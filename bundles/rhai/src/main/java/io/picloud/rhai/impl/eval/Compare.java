package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Values;

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
    public Object eval(Frame f) {
        Object a = l.evalRef(f);
        Object b = r.evalRef(f);
        if (a instanceof Long x && b instanceof Long y) {
            long p = x;
            long q = y;
            return switch (kind) {
                case 0 -> p == q;
                case 1 -> p != q;
                case 2 -> p < q;
                case 3 -> p <= q;
                case 4 -> p > q;
                default -> p >= q;
            };
        }
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
