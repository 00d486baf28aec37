package io.picloud.rhai.impl.runtime;

import java.math.BigDecimal;
import java.util.Map;

/** Type names, display/debug formatting, equality and ordering of Rhai values. */
public final class Values {
    private Values() {
    }

    public static String typeName(Object v) {
        if (v instanceof Long) {
            return "i64";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof Double) {
            return "f64";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof Character) {
            return "char";
        } else if (v instanceof RArray) {
            return "array";
        } else if (v instanceof RMap) {
            return "map";
        } else if (v == Unit.UNIT || v == null) {
            return "()";
        } else if (v instanceof RBlob) {
            return "blob";
        } else if (v instanceof RFnPtr) {
            return "Fn";
        } else if (v instanceof RTimestamp) {
            return "timestamp";
        } else if (v instanceof RRange r) {
            return r.inclusive() ? "range=" : "range";
        } else if (v instanceof SharedCell c) {
            return typeName(c.value);
        } else if (v instanceof RIterator it) {
            return it.typeName;
        } else if (v instanceof RChar) {
            return "char";
        }
        return v.getClass().getSimpleName();
    }

    /** The Rhai char of a code point: a {@link Character} in the BMP, else an {@link RChar}. */
    public static Object charOf(int cp) {
        return Character.isBmpCodePoint(cp) ? (Object) (char) cp : new RChar(cp);
    }

    public static boolean isChar(Object o) {
        return o instanceof Character || o instanceof RChar;
    }

    /** A char's code point, or -1 when {@code o} is not a char. */
    public static int codePoint(Object o) {
        return o instanceof Character c ? c : o instanceof RChar r ? r.codePoint() : -1;
    }

    public static void markShared(Object o) {
        if (o instanceof RArray a) {
            a.shared = true;
        } else if (o instanceof RMap m) {
            m.shared = true;
        } else if (o instanceof RBlob b) {
            b.shared = true;
        }
    }

    public static Object unshare(Object o) {
        if (o instanceof StrBuf b) {
            return b.get();
        }
        return o instanceof SharedCell c ? c.value : o;
    }

    public static String toStr(Object v) {
        if (v instanceof String s) {
            return s;
        } else if (v instanceof Long) {
            return v.toString();
        } else if (v instanceof Double d) {
            return formatFloat(d);
        } else if (v == Unit.UNIT) {
            return "";
        } else if (v instanceof Character || v instanceof Boolean || v instanceof RChar) {
            return v.toString();
        }
        return toDebugFn(v);
    }

    /**
     * Rhai's {@code debug}/{@code to_debug} functions, also used for the elements of an array or map shown by
     * {@code print}, {@code to_string} and interpolation ({@code format_array}/{@code format_map} in
     * {@code packages/string_basic.rs}): a char shows bare ({@code debug_char} pushes the char alone), a string
     * quoted, a float in Rust's debug form; anything else as {@link #toDebug}.
     */
    public static String toDebugFn(Object v) {
        if (v instanceof Character || v instanceof RChar) {
            return v.toString();
        }
        String container = container(v, Values::toDebugFn);
        if (container != null) {
            return container;
        } else if (v instanceof SharedCell c) {
            return toDebugFn(c.value);
        }
        return toDebug(v);
    }

    /** An array or map in Rhai's debug form, each element shown by {@code element}; null for any other value. */
    private static String container(Object v, java.util.function.Function<Object, String> element) {
        if (v instanceof RArray a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(element.apply(a.get(i)));
            }
            return sb.append(']').toString();
        } else if (v instanceof RMap m) {
            StringBuilder sb = new StringBuilder("#{");
            boolean first = true;
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(quote(e.getKey())).append(": ").append(element.apply(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return null;
    }

    public static String toDebug(Object v) {
        if (v instanceof String s) {
            return quote(s);
        } else if (v instanceof Character c) {
            return c == '\'' ? "'\\''" : "'" + escape(String.valueOf(c), false) + "'";
        } else if (v instanceof Double d) {
            return debugFloat(d);
        } else if (v instanceof RArray || v instanceof RMap) {
            return container(v, Values::toDebug);
        } else if (v instanceof RBlob b) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < b.size; i++) {
                sb.append(String.format("%02x", b.get(i)));
            }
            return sb.append(']').toString();
        } else if (v instanceof SharedCell c) {
            return toDebug(c.value);
        } else if (v instanceof RTimestamp) {
            return "<timestamp>";
        } else if (v == Unit.UNIT || v == null) {
            return "()";
        } else if (v instanceof RChar) {
            return "'" + escape(v.toString(), false) + "'";
        }
        return String.valueOf(v);
    }

    static String quote(String s) {
        return "\"" + escape(s, true) + "\"";
    }

    private static String escape(String s, boolean dq) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append(dq ? "\\\"" : "\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\0' -> sb.append("\\0");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Rhai's float display: plain shortest digits with ".0" when integral, exponent form when very large/small. */
    public static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        } else if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        } else if (d == 0.0) {
            return "0.0"; // FloatWrapper's Display shows -0.0 as 0.0 too (types/float.rs)
        }
        double abs = Math.abs(d);
        // the bounds are f32 constants in Rhai (MAX/MIN_NATURAL_FLOAT_FOR_DISPLAY)
        return abs > (double) 1e13f || abs < (double) 1e-13f ? exponent(d) : plain(d);
    }

    /** Rust's {@code {:?}} of an f64 (Rhai's {@code debug}): -0.0 kept, exponent below 1e-4 and from 1e16 on. */
    public static String debugFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        } else if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        } else if (d == 0.0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        double abs = Math.abs(d);
        return abs < 1e-4 || abs >= 1e16 ? exponent(d) : plain(d);
    }

    private static String exponent(double d) {
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale();
        String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
        return (d < 0 ? "-" : "") + mant + "e" + exp;
    }

    private static String plain(double d) {
        String s = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    // ---- equality and ordering -------------------------------------------------------------------------

    private static final double EPS = Math.ulp(1.0);

    public static boolean floatEq(double x, double y) {
        return floatRel(0, x, y);
    }

    /**
     * Rhai's float comparison operators exactly as {@code func/builtin.rs} computes them (relative epsilon):
     * kind 0 {@code ==}, 1 {@code !=}, 2 {@code <}, 3 {@code <=}, 4 {@code >}, 5 {@code >=}. With NaN every one
     * of them is false ({@code !=} too), and so is any comparison with an infinity (inf - inf is NaN, x / inf
     * over inf is NaN): {@code inf == inf} and {@code inf > 1.0} are false in Rhai.
     */
    public static boolean floatRel(int kind, double x, double y) {
        double max = x * y == 0.0 ? 1.0 : rustMax(Math.abs(x), Math.abs(y));
        if (max == 0.0) {
            return kind == 0 || kind == 3 || kind == 5;
        }
        return switch (kind) {
            case 0 -> Math.abs(x - y) / max <= EPS;
            case 1 -> Math.abs(x - y) / max > EPS;
            case 2 -> (y - x) / max > EPS;
            case 3 -> (y - x) / max > -EPS;
            case 4 -> (x - y) / max > EPS;
            default -> (x - y) / max > -EPS;
        };
    }

    /** Rust's {@code f64::max}: a NaN operand is ignored. */
    private static double rustMax(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** Float ordering with Rhai's relative epsilon: returns -1, 0 or 1; NaN gives 2 (unordered). */
    public static int floatCmp(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return 2;
        }
        if (x == y || floatEq(x, y)) {
            return 0;
        }
        return x < y ? -1 : 1;
    }

    public static boolean isNumber(Object o) {
        return o instanceof Long || o instanceof Double;
    }

    /** Structural equality; different (non-numeric) types are never equal. */
    public static boolean eq(Object a, Object b) {
        if (a instanceof SharedCell c) {
            a = c.value;
        }
        if (b instanceof SharedCell c) {
            b = c.value;
        }
        if (a instanceof Long x) {
            if (b instanceof Long y) {
                return x.longValue() == y.longValue();
            }
            return b instanceof Double y && floatEq(x, y);
        }
        if (a instanceof Double x) {
            if (b instanceof Double y) {
                return floatEq(x, y);
            }
            return b instanceof Long y && floatEq(x, y);
        }
        if (a instanceof String s) {
            if (b instanceof String t) {
                return s.equals(t);
            }
            if (b instanceof RChar r) {
                return s.equals(r.toString());
            }
            return b instanceof Character c && s.length() == 1 && s.charAt(0) == c;
        }
        if (a instanceof RChar r && b instanceof String t) {
            return t.equals(r.toString());
        }
        if (a instanceof Character c) {
            if (b instanceof Character d) {
                return c.charValue() == d.charValue();
            }
            return b instanceof String t && t.length() == 1 && t.charAt(0) == c;
        }
        if (a instanceof RArray x) {
            if (!(b instanceof RArray y) || x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!eq(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof RMap x) {
            if (!(b instanceof RMap y) || x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<String, Object> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !eq(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof RBlob x) {
            if (!(b instanceof RBlob y) || x.size != y.size) {
                return false;
            }
            for (int i = 0; i < x.size; i++) {
                if (x.data[i] != y.data[i]) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof RFnPtr x) {
            return b instanceof RFnPtr y && x.name.equals(y.name);
        }
        if (a == Unit.UNIT) {
            return b == Unit.UNIT;
        }
        return a.equals(b);
    }

    /**
     * Ordering for {@code < <= > >=}: -1/0/1, {@link Integer#MIN_VALUE} when the types are different (the
     * comparison is then false), 2 when unordered (NaN).
     */
    public static int compare(Object a, Object b) {
        if (a instanceof Long x) {
            if (b instanceof Long y) {
                return Long.compare(x, y);
            }
            if (b instanceof Double y) {
                return floatCmp(x, y);
            }
            return Integer.MIN_VALUE;
        }
        if (a instanceof Double x) {
            if (b instanceof Double y) {
                return floatCmp(x, y);
            }
            if (b instanceof Long y) {
                return floatCmp(x, y);
            }
            return Integer.MIN_VALUE;
        }
        if ((a instanceof String || isChar(a)) && (b instanceof String || isChar(b))) {
            return Integer.signum(compareCodePoints(a.toString(), b.toString()));
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a == Unit.UNIT && b == Unit.UNIT) {
            return 0;
        }
        if (a instanceof RTimestamp x && b instanceof RTimestamp y) {
            return Long.compare(x.nanos(), y.nanos());
        }
        if (a.getClass() == b.getClass()) {
            throw EvalError.fnNotFound("< (" + typeName(a) + ", " + typeName(b) + ")");
        }
        return Integer.MIN_VALUE;
    }

    public static int compareCodePoints(String s, String t) {
        int i = 0;
        int j = 0;
        while (i < s.length() && j < t.length()) {
            int a = s.codePointAt(i);
            int b = t.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(s.length() - i, t.length() - j);
    }

    /** Deep copy of a container value (for a value that escapes to the host). */
    public static Object deepCopy(Object v) {
        if (v instanceof RArray a) {
            RArray c = new RArray(a.size());
            for (Object o : a) {
                c.add(deepCopy(o));
            }
            return c;
        } else if (v instanceof RMap m) {
            RMap c = new RMap();
            m.forEach((k, o) -> c.put(k, deepCopy(o)));
            return c;
        } else if (v instanceof RBlob b) {
            return b.cow();
        } else if (v instanceof SharedCell c) {
            return deepCopy(c.value);
        }
        return v;
    }
}
