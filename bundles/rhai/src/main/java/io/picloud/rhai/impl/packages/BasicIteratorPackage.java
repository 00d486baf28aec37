package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.eval.Strs;
import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RIterator;
import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.Values;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Rhai's BasicIteratorPackage (iter_basic.rs): range(), bits(), chars() and range properties. */
final class BasicIteratorPackage {
    private BasicIteratorPackage() {
    }

    /** Rhai's StepRange::new (packages/iter_basic.rs) wraps this error in ErrorInFunctionCall("range"). */
    private static EvalError zeroStep() {
        String msg = "step value cannot be zero";
        return new EvalError(ErrorKind.IN_FUNCTION_CALL, msg + "\nin call to function 'range'", null, EvalError.arithmetic(msg));
    }

    static RIterator stepInt(long from, long to, long step) {
        if (step == 0) {
            throw zeroStep();
        }
        return new RIterator("StepRange<i64>", new Iterator<>() {
            long cur = from;
            boolean done;

            @Override
            public boolean hasNext() {
                return !done && (step > 0 ? cur < to : cur > to);
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long v = cur;
                try {
                    cur = Math.addExact(cur, step);
                } catch (ArithmeticException e) {
                    done = true;
                }
                return v;
            }
        });
    }

    static RIterator stepFloat(double from, double to, double step) {
        if (from + step == from) { // Rhai: the first step does not move (step 0, or too small for from)
            throw zeroStep();
        }
        return new RIterator("StepRange<f64>", new Iterator<>() {
            double cur = from;

            @Override
            public boolean hasNext() {
                return step > 0 ? cur < to : cur > to;
            }

            @Override
            public Object next() {
                double v = cur;
                cur += step;
                return v;
            }
        });
    }

    static RIterator bits(long n, long from, long len) {
        long s = from < 0 ? 64 + from : from;
        if (s < 0 || s >= 64) {
            throw new EvalError(ErrorKind.BIT_FIELD_BOUNDS, "Bit-field index " + from + " out of bounds: only 64 bits in bit-field");
        }
        long end = s + Math.min(Math.max(0, len), 64 - s);
        return new RIterator("BitRange", new Iterator<>() {
            long i = s;

            @Override
            public boolean hasNext() {
                return i < end;
            }

            @Override
            public Object next() {
                return ((n >>> i++) & 1) == 1;
            }
        });
    }

    static RIterator chars(String s, long from, long len) {
        int n = Strs.len(s);
        long start = Args.clampIndex(from, n);
        String sub = Strs.sub(s, start, start + Math.max(0, Math.min(len, n - start)));
        return new RIterator("CharsStream", sub.codePoints().mapToObj(Values::charOf).iterator());
    }

    static void register(FunctionTable t) {
        t.fn("range", 2, BasicIteratorPackage::range);
        t.fn("range", 3, BasicIteratorPackage::rangeStep);
        t.fn("range", 2, BasicIteratorPackage::rangeOfRange);
        t.fn("bits", 1, (c, a) -> a[0] instanceof Long n ? (Object) bits(n, 0, 64) : Args.NO);
        t.fn("bits", 2, BasicIteratorPackage::bitsFrom);
        t.fn("bits", 3, (c, a) -> a[0] instanceof Long n && a[1] instanceof Long f && a[2] instanceof Long l
                ? (Object) bits(n, f, l) : Args.NO);
        t.fn("chars", 1, (c, a) -> a[0] instanceof String s ? (Object) chars(s, 0, Long.MAX_VALUE) : Args.NO);
        t.fn("chars", 2, BasicIteratorPackage::charsFrom);
        t.fn("chars", 3, (c, a) -> a[0] instanceof String s && a[1] instanceof Long f && a[2] instanceof Long l
                ? (Object) chars(s, f, l) : Args.NO);
        registerRangeProperties(t);
    }

    /** The properties of a range value. */
    private static void registerRangeProperties(FunctionTable t) {
        t.fn("start", 1, (c, a) -> a[0] instanceof RRange r ? (Object) r.start() : Args.NO);
        t.fn("end", 1, (c, a) -> a[0] instanceof RRange r ? (Object) r.end() : Args.NO);
        t.fn("is_inclusive", 1, (c, a) -> a[0] instanceof RRange r ? (Object) r.inclusive() : Args.NO);
        t.fn("is_exclusive", 1, (c, a) -> a[0] instanceof RRange r ? (Object) !r.inclusive() : Args.NO);
        t.fn("is_empty", 1, (c, a) -> a[0] instanceof RRange r ? (Object) (r.endExclusive() <= r.start()) : Args.NO);
        t.fn("contains", 2, (c, a) -> a[0] instanceof RRange r && a[1] instanceof Long x
                ? (Object) r.contains(x) : Args.NO);
    }

    /** {@code range(from, to)}: the exclusive range {@code from..to}. */
    static Object range(CallContext c, Object[] a) {
        return a[0] instanceof Long x && a[1] instanceof Long y ? (Object) new RRange(x, y, false) : Args.NO;
    }

    /** {@code range(from, to, step)}: INT, or FLOAT when any of the three is FLOAT. */
    static Object rangeStep(CallContext c, Object[] a) {
        if (a[0] instanceof Long x && a[1] instanceof Long y && a[2] instanceof Long s) {
            return stepInt(x, y, s);
        }
        if (Args.isNum(a[0]) && Args.isNum(a[1]) && Args.isNum(a[2])) {
            return stepFloat(Args.num(a[0]), Args.num(a[1]), Args.num(a[2]));
        }
        return Args.NO;
    }

    /** {@code range(range, step)}: an exclusive range walked by the step (Rhai has no inclusive overload). */
    static Object rangeOfRange(CallContext c, Object[] a) {
        return a[0] instanceof RRange r && !r.inclusive() && a[1] instanceof Long s
                ? (Object) stepInt(r.start(), r.end(), s) : Args.NO;
    }

    /**
     * A range argument of bits/chars as (start, len), as iter_basic.rs converts it: a negative start is 0 (not
     * counted from the end), an end before the start gives nothing.
     */
    static long[] startLen(RRange r) {
        long from = Math.max(r.start(), 0);
        if (!r.inclusive()) {
            return new long[] {from, Math.max(r.end(), from) - from};
        }
        long to = Math.min(Math.max(r.end(), from - 1), Long.MAX_VALUE - 1);
        return new long[] {from, to - from + 1};
    }

    /** {@code bits(n, from)} to the top bit, or {@code bits(n, range)}. */
    static Object bitsFrom(CallContext c, Object[] a) {
        if (a[0] instanceof Long n && a[1] instanceof Long f) {
            return bits(n, f, 64);
        }
        if (a[0] instanceof Long n && a[1] instanceof RRange r) {
            long[] sl = startLen(r);
            return bits(n, sl[0], sl[1]);
        }
        return Args.NO;
    }

    /** {@code chars(s, from)} to the end, or {@code chars(s, range)}. */
    static Object charsFrom(CallContext c, Object[] a) {
        if (a[0] instanceof String s && a[1] instanceof Long f) {
            return chars(s, f, Long.MAX_VALUE);
        }
        if (a[0] instanceof String s && a[1] instanceof RRange r) {
            long[] sl = startLen(r);
            return chars(s, sl[0], sl[1]);
        }
        return Args.NO;
    }
}
