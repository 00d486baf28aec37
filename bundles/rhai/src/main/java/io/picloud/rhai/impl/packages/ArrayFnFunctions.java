package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RFnPtr;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/**
 * The higher-order functions of Rhai's BasicArrayPackage that walk the array: map, filter, for_each, some,
 * all, find, find_map, index_of (value or predicate); reduce, zip and drain/retain with a predicate are in
 * {@link ArrayFoldFunctions}. The function
 * argument is a pointer, a closure, or a function name as a string; see {@link ArrayFnCalls} for how the
 * element and index are passed.
 */
final class ArrayFnFunctions {
    private ArrayFnFunctions() {
    }

    static int start(RArray x, Object[] a, int at) {
        return a.length > at ? BasicArrayPackage.span(x.size(), (Long) a[at], 0)[0] : 0;
    }

    static boolean fnArgs(Object[] a, int optionalIntAt) {
        return a[0] instanceof RArray && ArrayFnCalls.isFn(a[1])
                && (a.length <= optionalIntAt || a[optionalIntAt] instanceof Long);
    }

    /** For the functions Rhai has no deprecated string-name overload of (find, find_map, for_each). */
    static boolean ptrArgs(Object[] a, int optionalIntAt) {
        return a[1] instanceof RFnPtr && fnArgs(a, optionalIntAt);
    }

    static Object shared(Object v) {
        Values.markShared(v);
        return v;
    }

    static void register(FunctionTable t) {
        t.fn("map", 2, ArrayFnFunctions::map);
        t.fn("filter", 2, ArrayFnFunctions::filter);
        t.mut("for_each", 2, ArrayFnFunctions::forEach);
        t.fn("some", 2, ArrayFnFunctions::some);
        t.fn("all", 2, ArrayFnFunctions::all);
        t.fn("find", new int[] {2, 3}, ArrayFnFunctions::find);
        t.fn("find_map", new int[] {2, 3}, ArrayFnFunctions::findMap);
        t.fn("index_of", new int[] {2, 3}, ArrayFnFunctions::indexOf);
        ArrayFoldFunctions.register(t);
    }

    /** {@code map(array, fn)}: a new array of the function's results. */
    static Object map(CallContext c, Object[] a) {
        if (!fnArgs(a, 2)) {
            return Args.NO;
        }
        RArray x = (RArray) a[0];
        ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, 0);
        RArray out = new RArray(x.size());
        for (int i = 0, n = x.size(); i < n; i++) {
            checkUnchanged(x, n);
            out.add(ArrayFnCalls.onItem(c, "map", m, a[1], shared(x.get(i)), i));
        }
        return out;
    }

    /** {@code filter(array, fn)}: a new array of the elements the predicate selects. */
    static Object filter(CallContext c, Object[] a) {
        if (!fnArgs(a, 2)) {
            return Args.NO;
        }
        RArray x = (RArray) a[0];
        ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, 0);
        RArray out = new RArray();
        for (int i = 0, n = x.size(); i < n; i++) {
            checkUnchanged(x, n);
            Object v = shared(x.get(i));
            if (ArrayFnCalls.test(c, "filter", m, a[1], v, i)) {
                out.add(v);
            }
        }
        return out;
    }

    /** {@code for_each(array, fn)}: calls the function on each element, which it may change through {@code this}. */
    static Object forEach(CallContext c, Object[] a) {
        if (!ptrArgs(a, 2)) {
            return Args.NO;
        }
        RArray x = (RArray) a[0];
        ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, -1);
        int n = x.size();
        for (int i = 0; i < n; i++) {
            Object v = x.get(i);
            ArrayFnCalls.call(c, "for_each", m, a[1], v, ArrayFnCalls.NONE, (long) i, -1);
            checkUnchanged(x, n);
            Object now = ArrayFnCalls.after(c, m, v);
            if (now != v) {
                x.set(i, now);
            }
        }
        return Unit.UNIT;
    }

    /** {@code some(array, fn)}: whether the predicate selects any element. */
    static Object some(CallContext c, Object[] a) {
        if (!fnArgs(a, 2)) {
            return Args.NO;
        }
        RArray x = (RArray) a[0];
        ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, 0);
        for (int i = 0, n = x.size(); i < n; i++) {
            checkUnchanged(x, n);
            if (ArrayFnCalls.test(c, "some", m, a[1], shared(x.get(i)), i)) {
                return true;
            }
        }
        return false;
    }

    /** {@code all(array, fn)}: whether the predicate selects every element. */
    static Object all(CallContext c, Object[] a) {
        if (!fnArgs(a, 2)) {
            return Args.NO;
        }
        RArray x = (RArray) a[0];
        ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, 0);
        for (int i = 0, n = x.size(); i < n; i++) {
            checkUnchanged(x, n);
            if (!ArrayFnCalls.test(c, "all", m, a[1], shared(x.get(i)), i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code find(array, fn[, start])}: the first element the predicate selects, or {@code ()}. */
    static Object find(CallContext c, Object[] a) {
        if (!ptrArgs(a, 2)) {
            return Args.NO;
        }
        RArray x = (RArray) a[0];
        ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, 0);
        for (int i = start(x, a, 2), n = x.size(); i < n; i++) {
            checkUnchanged(x, n);
            Object v = shared(x.get(i));
            // Rhai's find calls index_of, whose name its errors carry
            if (ArrayFnCalls.test(c, "index_of", m, a[1], v, i)) {
                return v;
            }
        }
        return Unit.UNIT;
    }

    /** {@code find_map(array, fn[, start])}: the first result of the function that is not {@code ()}. */
    static Object findMap(CallContext c, Object[] a) {
        if (!ptrArgs(a, 2)) {
            return Args.NO;
        }
        RArray x = (RArray) a[0];
        ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, 0);
        for (int i = start(x, a, 2), n = x.size(); i < n; i++) {
            checkUnchanged(x, n);
            Object r = ArrayFnCalls.onItem(c, "find_map", m, a[1], shared(x.get(i)), i);
            if (r != Unit.UNIT) {
                return r;
            }
        }
        return Unit.UNIT;
    }

    /**
     * {@code index_of(array, value[, start])}: the first position of the value, or of an element the predicate
     * selects when the value is a function pointer; a string naming no function is searched as a value (Rhai's
     * deprecated by-name overload falls back the same way); -1 when absent.
     */
    static Object indexOf(CallContext c, Object[] a) {
        if (!(a[0] instanceof RArray x) || (a.length > 2 && !(a[2] instanceof Long))) {
            return Args.NO;
        }
        if (x.isEmpty()) {
            return -1L;
        }
        int from = start(x, a, 2);
        if (a[1] instanceof RFnPtr) {
            return indexWhere(c, x, a[1], from);
        }
        if (a[1] instanceof String name && KeywordFunctions.isFnName(name)) {
            try {
                return indexWhere(c, x, name, from);
            } catch (EvalError e) {
                if (!ArrayFnCalls.notFound(e, name)) {
                    throw e;
                }
            }
        }
        for (int i = from, n = x.size(); i < n; i++) {
            checkUnchanged(x, n);
            if (Values.eq(x.get(i), a[1])) {
                return (long) i;
            }
        }
        return -1L;
    }

    /** The callback changed the array being walked (it captured it): Rhai reports a data race. */
    static void checkUnchanged(RArray x, int n) {
        if (x.size() != n) {
            throw new EvalError(ErrorKind.DATA_RACE, "Data race detected when accessing the array being iterated");
        }
    }

    static long indexWhere(CallContext c, RArray x, Object fn, int from) {
        ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, fn, 0, true, 0);
        for (int i = from, n = x.size(); i < n; i++) {
            checkUnchanged(x, n);
            if (ArrayFnCalls.test(c, "index_of", m, fn, shared(x.get(i)), i)) {
                return i;
            }
        }
        return -1L;
    }
}
