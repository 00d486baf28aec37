package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.RChar;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.RTimestamp;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.nio.charset.StandardCharsets;

/** The built-in operators (Rhai's "fast operators"): checked INT arithmetic, FLOAT, strings, containers. */
public final class Ops {
    private Ops() {
    }

    static EvalError noOp(String op, Object a, Object b) {
        return EvalError.fnNotFound(op + " (" + Values.typeName(a) + ", " + Values.typeName(b) + ")");
    }

    static double d(Object o) {
        return o instanceof Long l ? (double) l : (Double) o;
    }

    public static Object binary(String op, Object a, Object b) {
        return switch (op) {
            case "+" -> add(a, b);
            case "-" -> sub(a, b);
            case "*" -> mul(a, b);
            case "/" -> div(a, b);
            case "%" -> mod(a, b);
            case "**" -> pow(a, b);
            case "<<" -> shl(a, b);
            case ">>" -> shr(a, b);
            case "&" -> and(a, b);
            case "|" -> or(a, b);
            case "^" -> xor(a, b);
            default -> throw noOp(op, a, b);
        };
    }

    public static Object add(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long r = x + y;
            if (((x ^ r) & (y ^ r)) < 0) {
                throw EvalError.arithmetic("Addition overflow: " + x + " + " + y);
            }
            return r;
        }
        if (Values.isNumber(a) && Values.isNumber(b)) {
            return d(a) + d(b);
        }
        if (a instanceof String s) {
            if (b instanceof String t) {
                return s.concat(t);
            }
            if (b instanceof RBlob bl) {
                return s + new String(bl.data, 0, bl.size, StandardCharsets.UTF_8);
            }
            return b == Unit.UNIT ? s : s + Values.toStr(b);
        }
        if (b instanceof String t) {
            if (a instanceof Character c) {
                return c + t;
            }
            return a == Unit.UNIT ? t : Values.toStr(a) + t;
        }
        if (a instanceof Character c && b instanceof Character e) {
            return "" + c + e;
        }
        if (Values.isChar(a) && Values.isChar(b)) {
            return a.toString() + b;
        }
        if (a instanceof RArray x && b instanceof RArray y) {
            RArray r = new RArray(x.size() + y.size());
            r.addAll(x);
            r.addAll(y);
            for (Object o : r) {
                Values.markShared(o);
            }
            return r;
        }
        if (a instanceof RMap x && b instanceof RMap y) {
            RMap r = new RMap(x);
            r.putAll(y);
            for (Object o : r.values()) {
                Values.markShared(o);
            }
            return r;
        }
        if (a instanceof RBlob x && b instanceof RBlob y) {
            RBlob r = x.cow();
            r.addAll(y.data, 0, y.size);
            return r;
        }
        if (a instanceof RTimestamp t && Values.isNumber(b)) {
            return new RTimestamp(t.nanos() + (long) (d(b) * 1e9));
        }
        throw noOp("+", a, b);
    }

    public static Object sub(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long r = x - y;
            if (((x ^ y) & (x ^ r)) < 0) {
                throw EvalError.arithmetic("Subtraction overflow: " + x + " - " + y);
            }
            return r;
        }
        if (Values.isNumber(a) && Values.isNumber(b)) {
            return d(a) - d(b);
        }
        if (a instanceof String s && (b instanceof String || Values.isChar(b))) {
            String t = b.toString();
            return t.isEmpty() ? s : s.replace(t, "");
        }
        if (a instanceof RTimestamp t) {
            if (b instanceof RTimestamp u) {
                return (t.nanos() - u.nanos()) / 1e9;
            }
            if (Values.isNumber(b)) {
                return new RTimestamp(t.nanos() - (long) (d(b) * 1e9));
            }
        }
        throw noOp("-", a, b);
    }

    public static Object mul(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long hi = Math.multiplyHigh(x, y);
            long lo = x * y;
            if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0)) {
                throw EvalError.arithmetic("Multiplication overflow: " + x + " * " + y);
            }
            return lo;
        }
        if (Values.isNumber(a) && Values.isNumber(b)) {
            return d(a) * d(b);
        }
        throw noOp("*", a, b);
    }

    public static Object div(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0) {
                throw EvalError.arithmetic("Division by zero: " + x + " / " + y);
            }
            if (x == Long.MIN_VALUE && y == -1) {
                throw EvalError.arithmetic("Division overflow: " + x + " / " + y);
            }
            return x / y;
        }
        if (Values.isNumber(a) && Values.isNumber(b)) {
            return d(a) / d(b);
        }
        throw noOp("/", a, b);
    }

    public static Object mod(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0 || (x == Long.MIN_VALUE && y == -1)) {
                throw EvalError.arithmetic("Modulo division by zero or overflow: " + x + " % " + y);
            }
            return x % y;
        }
        if (Values.isNumber(a) && Values.isNumber(b)) {
            return d(a) % d(b);
        }
        throw noOp("%", a, b);
    }

    public static Object pow(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return powInt(x, y);
        }
        if (Values.isNumber(a) && Values.isNumber(b)) {
            if (a instanceof Double x && b instanceof Long y && y >= Integer.MIN_VALUE && y <= Integer.MAX_VALUE) {
                return Math.pow(x, y);
            }
            return Math.pow(d(a), d(b));
        }
        throw noOp("**", a, b);
    }

    static long powInt(long x, long y) {
        if (y < 0) {
            throw EvalError.arithmetic("Integer raised to a negative power: " + x + " ** " + y);
        }
        long result = 1;
        long base = x;
        long e = y;
        try {
            while (e > 0) {
                if ((e & 1) != 0) {
                    result = Math.multiplyExact(result, base);
                }
                e >>= 1;
                if (e > 0) {
                    base = Math.multiplyExact(base, base);
                }
            }
        } catch (ArithmeticException ex) {
            throw EvalError.arithmetic("Exponential overflow: " + x + " ** " + y);
        }
        return result;
    }

    public static Object shl(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return shiftLeft(x, y);
        }
        throw noOp("<<", a, b);
    }

    public static Object shr(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return shiftRight(x, y);
        }
        throw noOp(">>", a, b);
    }

    static long shiftLeft(long x, long y) {
        if (y < 0) {
            return shiftRight(x, y == Long.MIN_VALUE ? Long.MAX_VALUE : -y);
        }
        return y >= 64 ? 0 : x << y;
    }

    static long shiftRight(long x, long y) {
        if (y < 0) {
            return shiftLeft(x, y == Long.MIN_VALUE ? Long.MAX_VALUE : -y);
        }
        return y >= 64 ? (x < 0 ? -1 : 0) : x >> y;
    }

    public static Object and(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return x & y;
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x & y;
        }
        throw noOp("&", a, b);
    }

    public static Object or(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return x | y;
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x | y;
        }
        throw noOp("|", a, b);
    }

    public static Object xor(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return x ^ y;
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x ^ y;
        }
        throw noOp("^", a, b);
    }

    public static Object neg(Object a) {
        if (a instanceof Long x) {
            if (x == Long.MIN_VALUE) {
                throw EvalError.arithmetic("Negation overflow: -" + x);
            }
            return -x;
        }
        if (a instanceof Double x) {
            return -x;
        }
        throw EvalError.fnNotFound("- (" + Values.typeName(a) + ")");
    }

    public static Object range(Object a, Object b, boolean inclusive) {
        if (a instanceof Long x && b instanceof Long y) {
            return new RRange(x, y, inclusive);
        }
        throw noOp(inclusive ? "..=" : "..", a, b);
    }

    /** {@code a in b}. */
    public static boolean in(Context ctx, Object a, Object b) {
        if (b instanceof RArray arr) {
            for (Object o : arr) {
                if (Values.eq(o, a)) {
                    return true;
                }
            }
            return false;
        }
        if (b instanceof String s) {
            if (a instanceof String t) {
                return s.contains(t);
            }
            if (a instanceof Character c) {
                return s.indexOf(c) >= 0;
            }
            if (a instanceof RChar r) {
                return s.contains(r.toString());
            }
        }
        if (b instanceof RMap m) {
            if (a instanceof String || Values.isChar(a)) {
                return m.containsKey(a.toString());
            }
        }
        if (b instanceof RRange r && a instanceof Long x) {
            return r.contains(x);
        }
        if (b instanceof RBlob bl && a instanceof Long x) {
            for (int i = 0; i < bl.size; i++) {
                if (bl.get(i) == x) {
                    return true;
                }
            }
            return false;
        }
        Object r = ctx.callNative("contains", new Object[] {b, a});
        if (r instanceof Boolean z) {
            return z;
        }
        throw noOp("in", a, b);
    }
}
