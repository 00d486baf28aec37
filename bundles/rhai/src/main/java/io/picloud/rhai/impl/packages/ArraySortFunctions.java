package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RChar;
import io.picloud.rhai.impl.runtime.RFnPtr;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Sorting and de-duplication of Rhai's BasicArrayPackage: sort / sort_desc / order / order_desc without a
 * comparer (all elements one type among INT, FLOAT, string, char, bool, ()), sort / sort_by / order / order_by
 * with a comparer (INT result by sign, or bool: true = "less"), dedup with or without a comparer.
 */
final class ArraySortFunctions {
    private ArraySortFunctions() {
    }

    static EvalError notSortable(String what) {
        return EvalError.fnNotFound(what);
    }

    /** Sorts with the built-in order of the single element type (descending when asked). */
    static void sortBuiltin(RArray x, boolean desc) {
        int n = x.size();
        if (n <= 1) {
            return;
        }
        Class<?> k = sortClass(x.get(0));
        for (int i = 1; i < n; i++) {
            if (sortClass(x.get(i)) != k) {
                throw notSortable("elements of different types cannot be sorted");
            }
        }
        Object first = x.get(0);
        if (first instanceof Long) {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = (Long) x.get(i);
            }
            Arrays.sort(v);
            for (int i = 0; i < n; i++) {
                x.set(desc ? n - 1 - i : i, v[i]);
            }
        } else if (first instanceof Double) {
            Object[] v = x.toArray();
            // Rust's partial_cmp (0.0 == -0.0, stable); NaN sorts last so the order stays consistent
            Comparator<Object> cmp = (p, q) -> {
                double a = (Double) p;
                double b = (Double) q;
                if (Double.isNaN(a) || Double.isNaN(b)) {
                    return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
                }
                return a < b ? -1 : a > b ? 1 : 0;
            };
            sortObjects(x, v, desc ? cmp.reversed() : cmp);
        } else if (Values.isChar(first) && x.stream().anyMatch(o -> o instanceof RChar)) {
            Comparator<Object> cmp = Comparator.comparingInt(Values::codePoint);
            sortObjects(x, x.toArray(), desc ? cmp.reversed() : cmp);
        } else if (first instanceof Character) {
            char[] v = new char[n];
            for (int i = 0; i < n; i++) {
                v[i] = (Character) x.get(i);
            }
            Arrays.sort(v);
            for (int i = 0; i < n; i++) {
                x.set(desc ? n - 1 - i : i, v[i]);
            }
        } else if (first instanceof String) {
            Comparator<Object> cmp = (p, q) -> Values.compareCodePoints((String) p, (String) q);
            sortObjects(x, x.toArray(), desc ? cmp.reversed() : cmp);
        } else if (first instanceof Boolean) {
            int falses = 0;
            for (int i = 0; i < n; i++) {
                if (!(Boolean) x.get(i)) {
                    falses++;
                }
            }
            for (int i = 0; i < n; i++) {
                boolean v = desc ? i >= n - falses : i >= falses;
                x.set(i, v ^ desc);
            }
        } else if (first != Unit.UNIT) {
            throw notSortable("elements of " + Values.typeName(first) + " cannot be sorted");
        }
    }

    /** Both forms of a char sort together. */
    private static Class<?> sortClass(Object o) {
        return o instanceof RChar ? Character.class : o.getClass();
    }

    static void sortObjects(RArray x, Object[] v, Comparator<Object> cmp) {
        Arrays.sort(v, cmp);
        for (int i = 0; i < v.length; i++) {
            x.set(i, v[i]);
        }
    }

    /** A script comparer: INT by sign, bool true = less; anything else (or a catchable error) = equal. */
    static Comparator<Object> comparer(CallContext c, Object fn) {
        return (p, q) -> {
            c.tick();
            Object r;
            try {
                r = c.callFn(fn, p, q);
            } catch (EvalError e) {
                if (!e.catchable()) {
                    throw e;
                }
                return 0;
            }
            if (r instanceof Long v) {
                return Long.signum(v);
            }
            if (r instanceof Boolean b) {
                return b ? -1 : 1;
            }
            return 0;
        };
    }

    static void sortBy(CallContext c, RArray x, Object fn) {
        if (x.size() <= 1) {
            return;
        }
        Object[] v = x.toArray();
        for (Object o : v) {
            Values.markShared(o);
        }
        try {
            Arrays.sort(v, comparer(c, fn));
        } catch (IllegalArgumentException e) {
            throw EvalError.runtime("error in comparer for sorting", "error in comparer for sorting");
        }
        ArrayFnFunctions.checkUnchanged(x, v.length);
        for (int i = 0; i < v.length; i++) {
            x.set(i, v[i]);
        }
    }

    static void dedup(CallContext c, RArray x, Object fn) {
        int n = x.size();
        if (n <= 1) {
            return;
        }
        int keep = 1;
        for (int i = 1; i < n; i++) {
            Object prev = x.get(keep - 1);
            Object cur = x.get(i);
            boolean same;
            if (fn == null) {
                same = Values.eq(prev, cur);
            } else {
                c.tick();
                try {
                    Values.markShared(prev);
                    Values.markShared(cur);
                    same = Boolean.TRUE.equals(c.callFn(fn, prev, cur));
                } catch (EvalError e) {
                    if (!e.catchable()) {
                        throw e;
                    }
                    same = false;
                }
            }
            ArrayFnFunctions.checkUnchanged(x, n);
            if (!same) {
                x.set(keep++, cur);
            }
        }
        x.subList(keep, n).clear();
    }

    static RArray copy(RArray x) {
        return BasicArrayPackage.copyOf(x);
    }

    static void register(FunctionTable t) {
        t.mut("sort", 1, (c, a) -> sortInPlace(a, false));
        t.mut("sort_desc", 1, (c, a) -> sortInPlace(a, true));
        t.mut("order", 1, (c, a) -> sorted(a, false));
        t.mut("order_desc", 1, (c, a) -> sorted(a, true));
        t.mut("sort", 2, ArraySortFunctions::sortWith);
        t.mut("sort_by", 2, ArraySortFunctions::sortBy);
        t.mut("order", 2, ArraySortFunctions::orderBy);
        t.mut("order_by", 2, ArraySortFunctions::orderBy);
        t.mut("dedup", 1, ArraySortFunctions::dedup);
        t.mut("dedup", 2, ArraySortFunctions::dedupWith);
    }

    /** {@code sort(array)} / {@code sort_desc(array)}: by the elements' own order. */
    static Object sortInPlace(Object[] a, boolean desc) {
        if (a[0] instanceof RArray x) {
            sortBuiltin(x, desc);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code order(array)} / {@code order_desc(array)}: a sorted copy. */
    static Object sorted(Object[] a, boolean desc) {
        if (a[0] instanceof RArray x) {
            RArray out = copy(x);
            sortBuiltin(out, desc);
            return out;
        }
        return Args.NO;
    }

    /** {@code sort(array, comparer)}: the comparer is a pointer or (deprecated in Rhai) a function name. */
    static Object sortWith(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x && (a[1] instanceof RFnPtr || a[1] instanceof String)) {
            if (a[1] instanceof String name) {
                KeywordFunctions.checkFnName(name);
            }
            sortBy(c, x, a[1]);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code sort_by(array, comparer)}: a pointer only. */
    static Object sortBy(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x && a[1] instanceof RFnPtr) {
            sortBy(c, x, a[1]);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code order(array, comparer)} / {@code order_by(array, comparer)}: a copy sorted by the comparer. */
    static Object orderBy(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x && a[1] instanceof RFnPtr) {
            RArray out = copy(x);
            sortBy(c, out, a[1]);
            return out;
        }
        return Args.NO;
    }

    /** {@code dedup(array)}: drops each element equal ({@code ==}) to the one kept before it. */
    static Object dedup(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x) {
            dedup(c, x, null);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code dedup(array, fn)}: as dedup, with the function saying whether two elements are the same. */
    static Object dedupWith(CallContext c, Object[] a) {
        if (a[0] instanceof RArray x && ArrayFnCalls.isFn(a[1])) {
            if (a[1] instanceof String name) {
                KeywordFunctions.checkFnName(name);
            }
            dedup(c, x, a[1]);
            return Unit.UNIT;
        }
        return Args.NO;
    }
}
