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
 * The higher-order functions of Rhai's BasicArrayPackage: map, filter, for_each, some, all, find, find_map,
 * index_of (value or predicate), reduce, reduce_rev, zip, and drain/retain with a predicate. The function
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
        t.fn("map", 2, (c, a) -> {
            if (!fnArgs(a, 2)) {
                return Args.NO;
            }
            RArray x = (RArray) a[0];
            ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, 0);
            RArray out = new RArray(x.size());
            for (int i = 0, n = x.size(); i < n; i++) {
                checkUnchanged(x, n);
                out.add(ArrayFnCalls.onItem(c, m, a[1], shared(x.get(i)), i));
            }
            return out;
        });
        t.fn("filter", 2, (c, a) -> {
            if (!fnArgs(a, 2)) {
                return Args.NO;
            }
            RArray x = (RArray) a[0];
            ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, 0);
            RArray out = new RArray();
            for (int i = 0, n = x.size(); i < n; i++) {
                checkUnchanged(x, n);
                Object v = shared(x.get(i));
                if (ArrayFnCalls.test(c, m, a[1], v, i)) {
                    out.add(v);
                }
            }
            return out;
        });
        t.mut("for_each", 2, (c, a) -> {
            if (!ptrArgs(a, 2)) {
                return Args.NO;
            }
            RArray x = (RArray) a[0];
            ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, -1);
            int n = x.size();
            for (int i = 0; i < n; i++) {
                Object v = x.get(i);
                ArrayFnCalls.call(c, m, a[1], v, ArrayFnCalls.NONE, (long) i, -1);
                checkUnchanged(x, n);
                Object now = ArrayFnCalls.after(c, m, v);
                if (now != v) {
                    x.set(i, now);
                }
            }
            return Unit.UNIT;
        });
        t.fn("some", 2, (c, a) -> {
            if (!fnArgs(a, 2)) {
                return Args.NO;
            }
            RArray x = (RArray) a[0];
            ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, 0);
            for (int i = 0, n = x.size(); i < n; i++) {
                checkUnchanged(x, n);
                if (ArrayFnCalls.test(c, m, a[1], shared(x.get(i)), i)) {
                    return true;
                }
            }
            return false;
        });
        t.fn("all", 2, (c, a) -> {
            if (!fnArgs(a, 2)) {
                return Args.NO;
            }
            RArray x = (RArray) a[0];
            ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, 0);
            for (int i = 0, n = x.size(); i < n; i++) {
                checkUnchanged(x, n);
                if (!ArrayFnCalls.test(c, m, a[1], shared(x.get(i)), i)) {
                    return false;
                }
            }
            return true;
        });
        t.fn("find", new int[] {2, 3}, (c, a) -> {
            if (!ptrArgs(a, 2)) {
                return Args.NO;
            }
            RArray x = (RArray) a[0];
            ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, 0);
            for (int i = start(x, a, 2), n = x.size(); i < n; i++) {
                checkUnchanged(x, n);
                Object v = shared(x.get(i));
                if (ArrayFnCalls.test(c, m, a[1], v, i)) {
                    return v;
                }
            }
            return Unit.UNIT;
        });
        t.fn("find_map", new int[] {2, 3}, (c, a) -> {
            if (!ptrArgs(a, 2)) {
                return Args.NO;
            }
            RArray x = (RArray) a[0];
            ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 0, true, 0);
            for (int i = start(x, a, 2), n = x.size(); i < n; i++) {
                checkUnchanged(x, n);
                Object r = ArrayFnCalls.onItem(c, m, a[1], shared(x.get(i)), i);
                if (r != Unit.UNIT) {
                    return r;
                }
            }
            return Unit.UNIT;
        });
        t.fn("index_of", new int[] {2, 3}, (c, a) -> {
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
            if (a[1] instanceof String name && isIdentifier(name)) {
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
        });
        t.fn("reduce", new int[] {2, 3}, (c, a) -> {
            if (!fnArgs(a, 4)) {
                return Args.NO;
            }
            RArray x = (RArray) a[0];
            Object acc = a.length > 2 ? a[2] : Unit.UNIT;
            ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 1, true, 1);
            for (int i = 0, n = x.size(); i < n; i++) {
                checkUnchanged(x, n);
                acc = ArrayFnCalls.call(c, m, a[1], shared(x.get(i)), new Object[] {acc}, (long) i, 1);
            }
            return acc;
        });
        t.fn("reduce_rev", new int[] {2, 3}, (c, a) -> {
            if (!fnArgs(a, 4)) {
                return Args.NO;
            }
            RArray x = (RArray) a[0];
            Object acc = a.length > 2 ? a[2] : Unit.UNIT;
            ArrayFnCalls.Mode m = ArrayFnCalls.mode(c, a[1], 1, true, 1);
            int n = x.size();
            for (int i = n - 1; i >= 0; i--) {
                checkUnchanged(x, n);
                acc = ArrayFnCalls.call(c, m, a[1], shared(x.get(i)), new Object[] {acc}, (long) i, 1);
            }
            return acc;
        });
        t.fn("zip", 3, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !(a[1] instanceof RArray y) || !(a[2] instanceof RFnPtr)) {
                return Args.NO;
            }
            int n = Math.min(x.size(), y.size());
            int nx = x.size();
            int ny = y.size();
            RArray out = new RArray(n);
            boolean withIndex = c.fnArity(a[2]) == 3;
            for (int i = 0; i < n; i++) {
                checkUnchanged(x, nx);
                checkUnchanged(y, ny);
                c.tick();
                Object p = shared(x.get(i));
                Object q = shared(y.get(i));
                out.add(withIndex ? c.callFn(a[2], p, q, (long) i) : c.callFn(a[2], p, q));
            }
            return out;
        });
        t.mut("drain", 2, (c, a) -> a[0] instanceof RArray x && ArrayFnCalls.isFn(a[1])
                ? (Object) partition(c, x, a[1], true) : Args.NO);
        t.mut("retain", 2, (c, a) -> a[0] instanceof RArray x && ArrayFnCalls.isFn(a[1])
                ? (Object) partition(c, x, a[1], false) : Args.NO);
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
            if (ArrayFnCalls.test(c, m, fn, shared(x.get(i)), i)) {
                return i;
            }
        }
        return -1L;
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
                boolean hit = ArrayFnCalls.test(c, m, fn, v, i);
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

    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '_')) {
                return false;
            }
        }
        return true;
    }
}
