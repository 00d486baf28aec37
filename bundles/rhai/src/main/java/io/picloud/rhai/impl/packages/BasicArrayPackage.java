package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.util.List;

/**
 * Rhai's BasicArrayPackage (array_basic.rs): the plain functions. Positions follow Rhai's
 * {@code calc_offset_len}: a negative start counts from the end (clamped to 0), a start past the end means "at
 * the end", lengths are clamped. Functions Rhai marks non-pure are registered with {@code t.mut} (they take the
 * array by reference, and fail on constants). (start, len) and range functions are in {@link ArrayRangeFunctions},
 * higher-order functions in {@link ArrayFnFunctions}, sorting in {@link ArraySortFunctions}.
 */
final class BasicArrayPackage {
    private BasicArrayPackage() {
    }

    /** Rhai's calc_offset_len: {start, len} within {@code size}. */
    static int[] span(int size, long start, long len) {
        long s;
        if (start < 0) {
            long abs = start == Long.MIN_VALUE ? Long.MAX_VALUE : -start;
            s = size - Math.min(abs, size);
        } else if (start >= size) {
            return new int[] {size, 0};
        } else {
            s = start;
        }
        long l = len <= 0 ? 0 : Math.min(len, size - s);
        return new int[] {(int) s, (int) l};
    }

    /**
     * (start, len) from the arguments after the container: INT start and INT len, an exclusive range or an
     * inclusive range (converted as Rhai does: negative range bounds are clamped to 0, not counted from the end).
     * Null when the argument types do not fit.
     */
    static long[] startLen(Object a, Object b) {
        if (b == null) {
            return MoreStringPackage.rangeArgs(a);
        }
        if (a instanceof Long s && b instanceof Long l) {
            return new long[] {s, l};
        }
        return null;
    }

    /** Rhai's calc_index for remove: negative counts from the end; -1 when out of bounds. */
    static int index(int size, long i) {
        if (size == 0) {
            return -1;
        }
        if (i < 0) {
            long abs = i == Long.MIN_VALUE ? Long.MAX_VALUE : -i;
            return abs <= size ? (int) (size - abs) : -1;
        }
        return i < size ? (int) i : -1;
    }

    static RArray copyOf(List<Object> items) {
        RArray out = new RArray(items.size());
        for (Object o : items) {
            Values.markShared(o);
            out.add(o);
        }
        return out;
    }

    static int maxArraySize(CallContext c) {
        return c instanceof io.picloud.rhai.impl.eval.Context ctx ? ctx.limits.maxArraySize() : 0;
    }

    static EvalError tooLarge() {
        return new EvalError(ErrorKind.DATA_TOO_LARGE, "Size of array/BLOB too large");
    }

    static void register(FunctionTable t) {
        registerBasics(t);
        ArrayRangeFunctions.register(t);
        ArrayFnFunctions.register(t);
        ArraySortFunctions.register(t);
    }

    private static void registerBasics(FunctionTable t) {
        t.fn("len", 1, (c, a) -> a[0] instanceof RArray x ? (Object) (long) x.size() : Args.NO);
        t.fn("is_empty", 1, (c, a) -> a[0] instanceof RArray x ? (Object) x.isEmpty() : Args.NO);
        t.mut("get", 2, BasicArrayPackage::get);
        t.mut("set", 3, BasicArrayPackage::set);
        t.mut("push", 2, BasicArrayPackage::push);
        t.mut("append", 2, BasicArrayPackage::append);
        t.mut("insert", 3, BasicArrayPackage::insert);
        t.mut("pad", 3, BasicArrayPackage::pad);
        t.mut("pop", 1, (c, a) -> a[0] instanceof RArray x
                ? (x.isEmpty() ? Unit.UNIT : x.remove(x.size() - 1)) : Args.NO);
        t.mut("shift", 1, (c, a) -> a[0] instanceof RArray x
                ? (x.isEmpty() ? Unit.UNIT : x.remove(0)) : Args.NO);
        t.mut("remove", 2, BasicArrayPackage::remove);
        t.mut("clear", 1, BasicArrayPackage::clear);
        t.mut("truncate", 2, BasicArrayPackage::truncate);
        t.mut("chop", 2, BasicArrayPackage::chop);
        t.mut("reverse", 1, BasicArrayPackage::reverse);
        t.fn("contains", 2, BasicArrayPackage::contains);
        t.mut("split", 2, BasicArrayPackage::split);
    }

    /** {@code get(array, index)}: the element, or {@code ()} when out of bounds. */
    static Object get(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x && a[1] instanceof Long p) {
            if (x.isEmpty()) {
                return Unit.UNIT;
            }
            int i = span(x.size(), p, 0)[0];
            if (i >= x.size()) {
                return Unit.UNIT;
            }
            Object v = x.get(i);
            Values.markShared(v);
            return v;
        }
        return Args.NO;
    }

    /** {@code set(array, index, value)}: nothing happens when out of bounds. */
    static Object set(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x && a[1] instanceof Long p) {
            if (!x.isEmpty()) {
                int i = span(x.size(), p, 0)[0];
                if (i < x.size()) {
                    x.set(i, a[2]);
                }
            }
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code push(array, value)}. */
    static Object push(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x) {
            x.add(a[1]);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code append(array, other)}: the other array's elements at the end. */
    static Object append(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x && a[1] instanceof RArray y) {
            for (Object o : y) {
                Values.markShared(o);
            }
            x.addAll(y);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code insert(array, index, value)}: a position past the end appends. */
    static Object insert(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x && a[1] instanceof Long p) {
            int i = x.isEmpty() ? 0 : span(x.size(), p, 0)[0];
            x.add(Math.min(i, x.size()), a[2]);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code pad(array, len, value)}: grows to the length (checked against the array size limit first). */
    static Object pad(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x && a[1] instanceof Long len) {
            if (len <= x.size()) {
                return Unit.UNIT;
            }
            int max = maxArraySize(c);
            if ((max > 0 && len > max) || len > Integer.MAX_VALUE - 16) {
                throw tooLarge();
            }
            Object item = a[2];
            Values.markShared(item);
            int n = (int) (long) len;
            x.ensureCapacity(n);
            x.addAll(java.util.Collections.nCopies(n - x.size(), item));
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code remove(array, index)}: the removed element, or {@code ()} when out of bounds. */
    static Object remove(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x && a[1] instanceof Long p) {
            int i = index(x.size(), p);
            return i < 0 ? Unit.UNIT : x.remove(i);
        }
        return Args.NO;
    }

    /** {@code clear(array)}. */
    static Object clear(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x) {
            x.clear();
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code truncate(array, len)}: keeps the first {@code len} elements. */
    static Object truncate(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x && a[1] instanceof Long len) {
            if (len <= 0) {
                x.clear();
            } else if (len < x.size()) {
                x.subList((int) (long) len, x.size()).clear();
            }
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code chop(array, len)}: keeps the last {@code len} elements. */
    static Object chop(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x && a[1] instanceof Long len) {
            if (len <= 0) {
                x.clear();
            } else if (len < x.size()) {
                x.subList(0, x.size() - (int) (long) len).clear();
            }
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code reverse(array)}. */
    static Object reverse(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x) {
            java.util.Collections.reverse(x);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code contains(array, value)}: by {@code ==}. */
    static Object contains(CallContext c, Object[] a) {
        if (!(a[0] instanceof RArray x)) {
            return Args.NO;
        }
        for (Object o : x) {
            if (Values.eq(o, a[1])) {
                return true;
            }
        }
        return false;
    }

    /** {@code split(array, index)}: removes and returns the elements from the index on. */
    static Object split(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x && a[1] instanceof Long p) {
            if (x.isEmpty()) {
                return new RArray();
            }
            int[] sp = span(x.size(), p, Long.MAX_VALUE);
            if (sp[0] >= x.size()) {
                return new RArray();
            }
            List<Object> tail = x.subList(sp[0], x.size());
            RArray out = new RArray(tail);
            tail.clear();
            return out;
        }
        return Args.NO;
    }

    /** Rhai's range-to-(start, len) conversion, exposed for the blob package. */
    static long[] rangeArgs(RRange r) {
        return MoreStringPackage.rangeArgs(r);
    }
}
