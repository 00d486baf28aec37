package io.picloud.rhai.impl.eval;

/**
 * The factory of the operator nodes ({@link Add}, {@link Compare}, {@link And} ... , each with unboxed fast
 * paths for INT and FLOAT): {@link #binary} picks the node for an operator.
 */
public final class Operators {
    private Operators() {
    }

    /** Creates the node for a binary operator. */
    public static Node binary(int line, int col, String op, Node l, Node r) {
        return switch (op) {
            case "+" -> new Add(line, col, l, r);
            case "-" -> new Sub(line, col, l, r);
            case "*" -> new Mul(line, col, l, r);
            case "/", "%" -> new DivMod(line, col, op.equals("%"), l, r);
            case "&&" -> new And(line, col, l, r);
            case "||" -> new Or(line, col, l, r);
            case "??" -> new Coalesce(line, col, l, r);
            case "==", "!=", "<", "<=", ">", ">=" -> new Compare(line, col, op, l, r);
            case "in", "!in" -> new In(line, col, op.equals("!in"), l, r);
            case "..", "..=" -> new Range(line, col, op.equals("..="), l, r);
            default -> new Generic(line, col, op, l, r);
        };
    }
}
