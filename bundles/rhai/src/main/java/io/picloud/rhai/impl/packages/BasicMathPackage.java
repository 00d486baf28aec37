package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.Values;

import java.util.function.DoubleUnaryOperator;

/** Rhai's BasicMathPackage (math_basic.rs): trigonometry, logarithms, rounding, conversions and number parsing. */
final class BasicMathPackage {
    private BasicMathPackage() {
    }

    private static void f1(FunctionTable t, String name, DoubleUnaryOperator op) {
        t.fn(name, 1, (c, a) -> a[0] instanceof Double x ? (Object) op.applyAsDouble(x) : Args.NO);
    }

    static double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        // Rust's f64::round: halves away from zero, exactly (x - trunc(x) is exact; adding 0.5 first is not:
        // it rounds 0.49999999999999994 up to 1 and odd integers above 2^52 to the next even one)
        double t = x < 0 ? Math.ceil(x) : Math.floor(x);
        if (Math.abs(x - t) >= 0.5) {
            t += Math.signum(x);
        }
        return t == 0 ? Math.copySign(0.0, x) : t;
    }

    static void register(FunctionTable t) {
        t.fn("PI", 0, (c, a) -> Math.PI);
        t.fn("E", 0, (c, a) -> Math.E);
        registerFloatFunctions(t);
        t.fn("atan", 2, BasicMathPackage::atan2);
        t.fn("hypot", 2, BasicMathPackage::hypot);
        t.fn("log", 2, BasicMathPackage::logBase);
        t.fn("is_nan", 1, (c, a) -> a[0] instanceof Double d ? (Object) d.isNaN() : Args.NO);
        t.fn("is_finite", 1, (c, a) -> a[0] instanceof Double d ? (Object) Double.isFinite(d) : Args.NO);
        t.fn("is_infinite", 1, (c, a) -> a[0] instanceof Double d ? (Object) d.isInfinite() : Args.NO);
        t.fn("to_float", 1, (c, a) -> Args.isNum(a[0]) ? (Object) Args.num(a[0]) : Args.NO);
        t.fn("to_int", 1, BasicMathPackage::toInt);
        t.fn("parse_int", 1, BasicMathPackage::parseInt);
        t.fn("parse_int", 2, BasicMathPackage::parseIntRadix);
        t.fn("parse_float", 1, BasicMathPackage::parseFloat);
    }

    /** The one-argument FLOAT functions: FLOAT only, as in Rhai ({@code sqrt(4)} is not found, {@code sqrt(4.0)} is). */
    private static void registerFloatFunctions(FunctionTable t) {
        f1(t, "sin", Math::sin);
        f1(t, "cos", Math::cos);
        f1(t, "tan", Math::tan);
        f1(t, "asin", Math::asin);
        f1(t, "acos", Math::acos);
        f1(t, "atan", Math::atan);
        f1(t, "sinh", Math::sinh);
        f1(t, "cosh", Math::cosh);
        f1(t, "tanh", Math::tanh);
        f1(t, "asinh", x -> Math.log(x + Math.sqrt(x * x + 1)));
        f1(t, "acosh", x -> Math.log(x + Math.sqrt(x * x - 1)));
        f1(t, "atanh", x -> 0.5 * Math.log((1 + x) / (1 - x)));
        f1(t, "sqrt", Math::sqrt);
        f1(t, "exp", Math::exp);
        f1(t, "ln", Math::log);
        f1(t, "log", Math::log10);
        f1(t, "to_degrees", Math::toDegrees);
        f1(t, "to_radians", Math::toRadians);
        f1(t, "floor", Math::floor);
        f1(t, "ceiling", Math::ceil);
        f1(t, "round", BasicMathPackage::round);
        f1(t, "int", x -> x < 0 ? Math.ceil(x) : Math.floor(x));
        f1(t, "fraction", x -> x - (x < 0 ? Math.ceil(x) : Math.floor(x)));
    }

    /** {@code atan(y, x)}: the angle of the point (x, y); FLOAT only. */
    static Object atan2(CallContext c, Object[] a) {
        return a[0] instanceof Double y && a[1] instanceof Double x ? (Object) Math.atan2(y, x) : Args.NO;
    }

    /** {@code hypot(x, y)}; FLOAT only. */
    static Object hypot(CallContext c, Object[] a) {
        return a[0] instanceof Double x && a[1] instanceof Double y ? (Object) Math.hypot(x, y) : Args.NO;
    }

    /** {@code log(x, base)}; FLOAT only. */
    static Object logBase(CallContext c, Object[] a) {
        return a[0] instanceof Double x && a[1] instanceof Double b ? (Object) (Math.log(x) / Math.log(b)) : Args.NO;
    }

    /**
     * {@code to_int(x)}: INT as is, a char's code point, FLOAT truncated. As Rhai's {@code f64_to_int}: only a
     * FLOAT beyond INT's range ({@code x > i64::MAX as f64 || x < i64::MIN as f64}) fails, shown with Rust's
     * {@code {}} ({@code inf}, plain digits); NaN passes that test and converts to 0, 2^63 to the INT maximum
     * (Rust's saturating cast, as Java's).
     */
    static Object toInt(CallContext c, Object[] a) {
        if (a[0] instanceof Long) {
            return a[0];
        }
        if (a[0] instanceof Double d) {
            if (d > 9.223372036854775807e18 || d < -9.223372036854775808e18) {
                throw EvalError.arithmetic("Integer overflow: to_int(" + rustDisplay(d) + ")");
            }
            return (long) (double) d;
        }
        if (Values.isChar(a[0])) {
            return (long) Values.codePoint(a[0]);
        }
        return Args.NO;
    }

    /** Rust's {@code Display} of an f64 outside INT's range: {@code inf}, {@code -inf}, or all its digits. */
    static String rustDisplay(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    /** {@code parse_int(text)}: decimal. */
    static Object parseInt(CallContext c, Object[] a) {
        return a[0] instanceof String s ? (Object) parseInt(s, 10) : Args.NO;
    }

    /** {@code parse_int(text, radix)}: radix 2 to 36. */
    static Object parseIntRadix(CallContext c, Object[] a) {
        if (a[0] instanceof String s && a[1] instanceof Long r) {
            if (r < 2 || r > 36) {
                throw EvalError.arithmetic("Invalid radix: '" + r + "'");
            }
            return parseInt(s, (int) (long) r);
        }
        return Args.NO;
    }

    /** {@code parse_float(text)}: Rust's f64 syntax, surrounding whitespace trimmed; errors as Rust words them. */
    static Object parseFloat(CallContext c, Object[] a) {
        if (!(a[0] instanceof String s)) {
            return Args.NO;
        }
        String x = MoreStringPackage.trim(s);
        // Rust's f64 parsing: an optional sign, then inf, infinity or nan in any case, or a decimal number
        switch (x.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            default -> {
            }
        }
        if (!RUST_FLOAT.matcher(x).matches()) {
            String why = x.isEmpty() ? "cannot parse float from empty string" : "invalid float literal";
            throw EvalError.arithmetic("Error parsing floating-point number '" + s + "': " + why);
        }
        return Double.parseDouble(x);
    }

    /** A decimal f64 literal as Rust's {@code FromStr} takes it (no hex, no suffix, no underscore). */
    private static final java.util.regex.Pattern RUST_FLOAT = java.util.regex.Pattern.compile(
            "[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    /**
     * Rust's {@code i64::from_str_radix} of the trimmed text, with its error words: empty, a bad digit, or too
     * large/small, whichever it meets first reading from the left (ASCII digits and letters only).
     */
    static long parseInt(String s, int radix) {
        String x = MoreStringPackage.trim(s);
        if (x.isEmpty()) {
            throw badInt(s, "cannot parse integer from empty string");
        }
        boolean negative = x.charAt(0) == '-';
        int i = x.charAt(0) == '+' || negative ? 1 : 0;
        if (i == x.length()) {
            throw badInt(s, "invalid digit found in string");
        }
        long v = 0;
        for (; i < x.length(); i++) {
            char ch = x.charAt(i);
            int digit = ch < 128 ? Character.digit(ch, radix) : -1;
            if (digit < 0) {
                throw badInt(s, "invalid digit found in string");
            }
            try {
                v = Math.addExact(Math.multiplyExact(v, radix), negative ? -digit : digit);
            } catch (ArithmeticException e) {
                throw badInt(s, negative ? "number too small to fit in target type"
                        : "number too large to fit in target type");
            }
        }
        return v;
    }

    private static EvalError badInt(String s, String why) {
        return EvalError.arithmetic("Error parsing integer number '" + s + "': " + why);
    }
}
