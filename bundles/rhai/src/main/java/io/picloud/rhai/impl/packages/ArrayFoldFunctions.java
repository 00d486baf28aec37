package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RFnPtr;
import io.picloud.rhai.impl.runtime.Unit;

import static io.picloud.rhai.impl.packages.ArrayFnFunctions.checkUnchanged;
import static io.picloud.rhai.impl.packages.ArrayFnFunctions.fnArgs;
import static io.picloud.rhai.impl.packages.ArrayFnFunctions.shared;

/**
 * The higher-order functions of Rhai's BasicArrayPackage that fold or reshape the array: reduce, reduce_rev,
 * zip, and drain/retain with a predicate. See {@link ArrayFnCalls} for how the element and index are passed.
 */
final class ArrayFoldFunctions {
    private ArrayFoldFunctions() {
    }

    static void register(FunctionTable t) {
        t.fn("reduce", new int[] {2, 3}, ArrayFoldFunctions::reduce);
        t.fn("reduce_rev", new int[] {2, 3}, ArrayFoldFunctions::reduceRev);
        t.fn("zip", 3, ArrayFoldFunctions::zip);
        t.mut("drain", 2, (c, a) -> a[0] instanceof RArray x && ArrayFnCalls.isFn(a[1])
                ? (Object) partition(c, x, a[1], true) : Args.NO);
        t.mut("retain", 2, (c, a) -> a[0] instanceof RArray x && ArrayFnCalls.isFn(a[1])
                ? (Object) partition(c, x, a[1], false) : Args.NO);
    }

    /** {@code reduce(array, fn[, initial])}: the accumulator (first {@code ()} or the initial value) through every element. */
    static Object reduce(CallContext c, Object[] a) {
        if (!fnArgs(a, 4)) {
            return Args.NO;
        }
        RArray x = (RArray) a[0];
        Object acc = a.length > 2 ? a[2] : Unit.UNIT;
        ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 1, true, 1);
        for (int i = 0, n = x.size(); i < n; i++) {
            checkUnchanged(x, n);
            acc = ArrayFnCalls.call(c, "reduce", m, a[1], shared(x.get(i)), new Object[] {acc}, (long) i, 1);
        }
        return acc;
    }

    /** {@code reduce_rev(array, fn[, initial])}: as reduce, from the last element to the first. */
    static Object reduceRev(CallContext c, Object[] a) {
        if (!fnArgs(a, 4)) {
            return Args.NO;
        }
        RArray x = (RArray) a[0];
        Object acc = a.length > 2 ? a[2] : Unit.UNIT;
        ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 1, true, 1);
        int n = x.size();
        for (int i = n - 1; i >= 0; i--) {
            checkUnchanged(x, n);
            acc = ArrayFnCalls.call(c, "reduce_rev", m, a[1], shared(x.get(i)), new Object[] {acc}, (long) i, 1);
        }
        return acc;
    }

    /**
     * {@code zip(array, other, fn)}: the function of each pair, and of the index when it takes three
     * parameters. Any other function is tried with the pair, then with the index too, its errors wrapped in
     * {@code ErrorInFunctionCall("zip")} (Rhai's fallback call, with no {@code this}).
     */
    static Object zip(CallContext c, Object[] a) {
        if (!(a[0] instanceof RArray x) || !(a[1] instanceof RArray y) || !(a[2] instanceof RFnPtr)) {
            return Args.NO;
        }
        int n = Math.min(x.size(), y.size());
        int nx = x.size();
        int ny = y.size();
        RArray out = new RArray(n);
        int arity = c.fnArity(a[2]);
        for (int i = 0; i < n; i++) {
            checkUnchanged(x, nx);
            checkUnchanged(y, ny);
            c.tick();
            Object p = shared(x.get(i));
            Object q = shared(y.get(i));
            out.add(arity == 2 ? c.callFn(a[2], p, q) : arity == 3 ? c.callFn(a[2], p, q, (long) i)
                    : zipFallback(c, a[2], p, q, i));
        }
        return out;
    }

    private static Object zipFallback(CallContext c, Object fn, Object p, Object q, long i) {
        try {
            try {
                return c.callFn(fn, p, q);
            } catch (EvalError e) {
                if (!ArrayFnCalls.notFound(e, fn)) {
                    throw e;
                }
            }
            return c.callFn(fn, p, q, i);
        } catch (EvalError e) {
            throw ArrayFnCalls.inCall("zip", e);
        }
    }

    /** Removes the elements the predicate selects (drain) or does not select (retain); returns the removed. */
    static RArray partition(CallContext c, RArray x, Object fn, boolean removeMatches) {
        RArray removed = new RArray();
        if (x.isEmpty()) {
            return removed;
        }
        ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, fn, 0, true, 0);
        int keep = 0;
        int n = x.size();
        int i = 0;
        try {
            for (; i < n; i++) {
                Object v = x.get(i);
                boolean hit = ArrayFnCalls.test(c, removeMatches ? "drain" : "retain", m, fn, v, i);
                checkUnchanged(x, n);
                v = ArrayFnCalls.after(c, m, v);
                if (hit == removeMatches) {
                    removed.add(v);
                } else {
                    x.set(keep++, v);
                }
            }
        } finally {
            // on an error the elements not yet visited stay (like Rhai, which removes as it goes)
            if (x.size() == n) {
                for (int j = i; j < n; j++) {
                    x.set(keep++, x.get(j));
                }
                x.subList(keep, n).clear();
            }
        }
        return removed;
    }
}
