package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** Operator nodes with unboxed fast paths for INT and FLOAT. */
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

    abstract static class Bin extends Node {
        final Node l;
        final Node r;

        Bin(int line, int col, Node l, Node r) {
            super(line, col);
            this.l = l;
            this.r = r;
        }
    }

    static final class Add extends Bin {
        Add(int line, int col, Node l, Node r) {
            super(line, col, l, r);
        }

        @Override
        public Object eval(Frame f) {
            Object a = l.evalRef(f);
            Object b = r.evalRef(f);
            if (a instanceof Long x && b instanceof Long y) {
                long s = x + y;
                if (((x ^ s) & (y ^ s)) < 0) {
                    throw err(EvalError.arithmetic("Addition overflow: " + x + " + " + y));
                }
                return s;
            }
            if (a instanceof Double x && b instanceof Double y) {
                return x + y;
            }
            try {
                Object v = Ops.add(a, b);
                if (v instanceof String s) {
                    f.ctx.checkString(s);
                } else if (!(v instanceof Double)) {
                    f.ctx.checkValue(v);
                }
                return v;
            } catch (EvalError e) {
                throw err(e);
            }
        }
    }

    static final class Sub extends Bin {
        Sub(int line, int col, Node l, Node r) {
            super(line, col, l, r);
        }

        @Override
        public Object eval(Frame f) {
            Object a = l.evalRef(f);
            Object b = r.evalRef(f);
            if (a instanceof Long x && b instanceof Long y) {
                long s = x - y;
                if (((x ^ y) & (x ^ s)) < 0) {
                    throw err(EvalError.arithmetic("Subtraction overflow: " + x + " - " + y));
                }
                return s;
            }
            try {
                return Ops.sub(a, b);
            } catch (EvalError e) {
                throw err(e);
            }
        }
    }

    static final class Mul extends Bin {
        Mul(int line, int col, Node l, Node r) {
            super(line, col, l, r);
        }

        @Override
        public Object eval(Frame f) {
            Object a = l.evalRef(f);
            Object b = r.evalRef(f);
            if (a instanceof Double x && b instanceof Double y) {
                return x * y;
            }
            try {
                return Ops.mul(a, b);
            } catch (EvalError e) {
                throw err(e);
            }
        }
    }

    static final class DivMod extends Bin {
        final boolean mod;

        DivMod(int line, int col, boolean mod, Node l, Node r) {
            super(line, col, l, r);
            this.mod = mod;
        }

        @Override
        public Object eval(Frame f) {
            Object a = l.evalRef(f);
            Object b = r.evalRef(f);
            if (a instanceof Long x && b instanceof Long y && y != 0 && y != -1) {
                return mod ? x % y : x / y;
            }
            try {
                return mod ? Ops.mod(a, b) : Ops.div(a, b);
            } catch (EvalError e) {
                throw err(e);
            }
        }
    }

    static final class Generic extends Bin {
        final String op;

        Generic(int line, int col, String op, Node l, Node r) {
            super(line, col, l, r);
            this.op = op;
        }

        @Override
        public Object eval(Frame f) {
            Object a = l.evalRef(f);
            Object b = r.evalRef(f);
            try {
                return Ops.binary(op, a, b);
            } catch (EvalError e) {
                throw err(e);
            }
        }
    }

    static final class Compare extends Bin {
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

    static final class And extends Bin {
        And(int line, int col, Node l, Node r) {
            super(line, col, l, r);
        }

        @Override
        public Object eval(Frame f) {
            Object a = l.evalRef(f);
            if (!(a instanceof Boolean x)) {
                throw err(EvalError.mismatch(Values.typeName(a), "bool"));
            }
            if (!x) {
                return Boolean.FALSE;
            }
            Object b = r.evalRef(f);
            if (!(b instanceof Boolean)) {
                throw err(EvalError.mismatch(Values.typeName(b), "bool"));
            }
            return b;
        }
    }

    static final class Or extends Bin {
        Or(int line, int col, Node l, Node r) {
            super(line, col, l, r);
        }

        @Override
        public Object eval(Frame f) {
            Object a = l.evalRef(f);
            if (!(a instanceof Boolean x)) {
                throw err(EvalError.mismatch(Values.typeName(a), "bool"));
            }
            if (x) {
                return Boolean.TRUE;
            }
            Object b = r.evalRef(f);
            if (!(b instanceof Boolean)) {
                throw err(EvalError.mismatch(Values.typeName(b), "bool"));
            }
            return b;
        }
    }

    static final class Coalesce extends Bin {
        Coalesce(int line, int col, Node l, Node r) {
            super(line, col, l, r);
        }

        @Override
        public Object eval(Frame f) {
            Object a = l.eval(f);
            return a == Unit.UNIT ? r.eval(f) : a;
        }
    }

    static final class In extends Bin {
        final boolean negate;

        In(int line, int col, boolean negate, Node l, Node r) {
            super(line, col, l, r);
            this.negate = negate;
        }

        @Override
        public Object eval(Frame f) {
            Object a = l.evalRef(f);
            Object b = r.evalRef(f);
            try {
                return Ops.in(f.ctx, a, b) != negate;
            } catch (EvalError e) {
                throw err(e);
            }
        }
    }

    static final class Range extends Bin {
        final boolean inclusive;

        Range(int line, int col, boolean inclusive, Node l, Node r) {
            super(line, col, l, r);
            this.inclusive = inclusive;
        }

        @Override
        public Object eval(Frame f) {
            try {
                return Ops.range(l.evalRef(f), r.evalRef(f), inclusive);
            } catch (EvalError e) {
                throw err(e);
            }
        }
    }

    /** Unary {@code -}, {@code +}, {@code !}. */
    public static final class Unary extends Node {
        final char op;
        final Node operand;

        public Unary(int line, int col, char op, Node operand) {
            super(line, col);
            this.op = op;
            this.operand = operand;
        }

        @Override
        public Object eval(Frame f) {
            Object v = operand.evalRef(f);
            switch (op) {
                case '-':
                    try {
                        return Ops.neg(v);
                    } catch (EvalError e) {
                        throw err(e);
                    }
                case '!':
                    if (v instanceof Boolean b) {
                        return !b;
                    }
                    throw err(EvalError.fnNotFound("! (" + Values.typeName(v) + ")"));
                default:
                    if (v instanceof Long || v instanceof Double) {
                        return v;
                    }
                    throw err(EvalError.fnNotFound("+ (" + Values.typeName(v) + ")"));
            }
        }
    }
}
