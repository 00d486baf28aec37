package io.picloud.rhai.impl.packages;

// NOTE TO THE ENGINE AUTHOR: this file is owned by the stdlib helper (a2) from 03:20 UTC on; it starts from your
// draft and is being fixed against Rhai's string_more/array_basic/blob_basic/map_basic. Please leave it alone and
// put other packages' functions elsewhere; shared helpers it uses (Callbacks, Json, Args, Strs) stay yours.

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Rhai's BasicArrayPackage. Mutating functions take the array by reference. */
final class BasicArrayPackage {
    private BasicArrayPackage() {
    }

    /** Rhai's offset/length normalisation: negative start counts from the end, everything clamped. */
    static int[] span(int size, long start, long len) {
        long s;
        if (start < 0) {
            s = size - Math.min(-start, size);
        } else if (start >= size) {
            return new int[] {size, 0};
        } else {
            s = start;
        }
        long l = len <= 0 ? 0 : Math.min(len, size - s);
        return new int[] {(int) s, (int) l};
    }

    static int[] span(int size, RRange r) {
        long end = r.inclusive() ? r.end() + 1 : r.end();
        long start = Math.max(0, r.start());
        return span(size, start, end - start);
    }

    static int[] spanArgs(int size, Object a, Object b) {
        if (a instanceof RRange r && b == null) {
            return span(size, r);
        }
        if (a instanceof Long s && b == null) {
            return span(size, s, Long.MAX_VALUE);
        }
        if (a instanceof Long s && b instanceof Long l) {
            return span(size, s, l);
        }
        return null;
    }

    static RArray arr(Object o) {
        return o instanceof RArray a ? a : null;
    }

    static int compareNatural(Object x, Object y) {
        int c = Values.compare(x, y);
        if (c == Integer.MIN_VALUE) {
            throw EvalError.fnNotFound("elements of different types cannot be sorted");
        }
        return c == 2 ? 0 : c;
    }

    static void checkSortable(RArray a) {
        if (a.isEmpty()) {
            return;
        }
        Class<?> k = a.get(0).getClass();
        for (Object o : a) {
            if (o.getClass() != k || !(o instanceof Long || o instanceof Double || o instanceof String
                    || o instanceof Character || o instanceof Boolean || o == Unit.UNIT)) {
                throw EvalError.fnNotFound("elements of different types cannot be sorted");
            }
        }
    }

    static Comparator<Object> comparer(CallContext c, Object fn) {
        return (x, y) -> {
            c.tick();
            Object r = c.callFn(fn, x, y);
            if (r instanceof Long n) {
                return Long.signum(n);
            }
            if (r instanceof Boolean b) {
                return b ? 1 : -1;
            }
            throw EvalError.mismatch(Values.typeName(r), "i64");
        };
    }

    static void sort(RArray a, Comparator<Object> cmp) {
        Object[] items = a.toArray();
        try {
            java.util.Arrays.sort(items, cmp);
        } catch (IllegalArgumentException e) {
            // inconsistent comparer: keep the partially sorted order
        }
        a.clear();
        java.util.Collections.addAll(a, items);
    }

    static void register(FunctionTable t) {
        t.fn("len", 1, (c, a) -> a[0] instanceof RArray x ? (Object) (long) x.size() : Args.NO);
        t.fn("is_empty", 1, (c, a) -> a[0] instanceof RArray x ? (Object) x.isEmpty() : Args.NO);
        t.mut("push", 2, (c, a) -> {
            if (!(a[0] instanceof RArray x)) {
                return Args.NO;
            }
            x.add(a[1]);
            if (x.size() > 0) {
                c.checkArray(x);
            }
            return Unit.UNIT;
        });
        t.mut("append", 2, (c, a) -> {
            if (a[0] instanceof RArray x) {
                if (a[1] instanceof RArray y) {
                    for (Object o : y) {
                        Values.markShared(o);
                    }
                    x.addAll(y);
                } else {
                    x.add(a[1]);
                }
                c.checkArray(x);
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("pop", 1, (c, a) -> a[0] instanceof RArray x ? (x.isEmpty() ? Unit.UNIT : x.remove(x.size() - 1)) : Args.NO);
        t.mut("shift", 1, (c, a) -> a[0] instanceof RArray x ? (x.isEmpty() ? Unit.UNIT : x.remove(0)) : Args.NO);
        t.mut("clear", 1, (c, a) -> {
            if (a[0] instanceof RArray x) {
                x.clear();
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("insert", 3, (c, a) -> {
            if (a[0] instanceof RArray x && a[1] instanceof Long p) {
                long pos = p < 0 ? Math.max(0, x.size() + p) : Math.min(p, x.size());
                x.add((int) pos, a[2]);
                c.checkArray(x);
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("remove", 2, (c, a) -> {
            if (a[0] instanceof RArray x && a[1] instanceof Long p) {
                long pos = p < 0 ? x.size() + p : p;
                return pos < 0 || pos >= x.size() ? Unit.UNIT : x.remove((int) pos);
            }
            return Args.NO;
        });
        t.mut("truncate", 2, (c, a) -> {
            if (a[0] instanceof RArray x && a[1] instanceof Long n) {
                long keep = Math.max(0, n);
                while (x.size() > keep) {
                    x.remove(x.size() - 1);
                }
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("chop", 2, (c, a) -> {
            if (a[0] instanceof RArray x && a[1] instanceof Long n) {
                long keep = Math.max(0, n);
                if (x.size() > keep) {
                    x.subList(0, (int) (x.size() - keep)).clear();
                }
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("pad", 3, (c, a) -> {
            if (a[0] instanceof RArray x && a[1] instanceof Long n) {
                int max = c instanceof io.picloud.rhai.impl.eval.Context ctx ? ctx.limits.maxArraySize() : 0;
                if (max > 0 && n > max) {
                    throw new EvalError("ErrorDataTooLarge", "Size of array/BLOB too large");
                }
                Values.markShared(a[2]);
                while (x.size() < n) {
                    x.add(a[2]);
                }
                c.checkArray(x);
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("reverse", 1, (c, a) -> {
            if (a[0] instanceof RArray x) {
                java.util.Collections.reverse(x);
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.fn("get", 2, (c, a) -> {
            if (a[0] instanceof RArray x && a[1] instanceof Long p) {
                long pos = p < 0 ? x.size() + p : p;
                return pos < 0 || pos >= x.size() ? Unit.UNIT : x.get((int) pos);
            }
            return Args.NO;
        });
        t.mut("set", 3, (c, a) -> {
            if (a[0] instanceof RArray x && a[1] instanceof Long p) {
                long pos = p < 0 ? x.size() + p : p;
                if (pos >= 0 && pos < x.size()) {
                    x.set((int) pos, a[2]);
                }
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.fn("contains", 2, (c, a) -> {
            if (!(a[0] instanceof RArray x)) {
                return Args.NO;
            }
            for (Object o : x) {
                if (Values.eq(o, a[1])) {
                    return true;
                }
            }
            return false;
        });
        t.fn("extract", new int[] {2, 3}, (c, a) -> {
            if (!(a[0] instanceof RArray x)) {
                return Args.NO;
            }
            int[] sp = spanArgs(x.size(), a[1], a.length > 2 ? a[2] : null);
            return sp == null ? Args.NO : new RArray(x.subList(sp[0], sp[0] + sp[1])).cow();
        });
        t.mut("drain", new int[] {2, 3}, (c, a) -> {
            if (!(a[0] instanceof RArray x)) {
                return Args.NO;
            }
            if (a.length == 2 && Callbacks.isFn(a[1])) {
                RArray out = new RArray();
                RArray keep = new RArray();
                for (int i = 0; i < x.size(); i++) {
                    (Callbacks.test(c, a[1], x.get(i), i) ? out : keep).add(x.get(i));
                }
                x.clear();
                x.addAll(keep);
                return out;
            }
            int[] sp = spanArgs(x.size(), a[1], a.length > 2 ? a[2] : null);
            if (sp == null) {
                return Args.NO;
            }
            List<Object> sub = x.subList(sp[0], sp[0] + sp[1]);
            RArray out = new RArray(sub);
            sub.clear();
            return out;
        });
        t.mut("retain", new int[] {2, 3}, (c, a) -> {
            if (!(a[0] instanceof RArray x)) {
                return Args.NO;
            }
            if (a.length == 2 && Callbacks.isFn(a[1])) {
                RArray out = new RArray();
                RArray keep = new RArray();
                for (int i = 0; i < x.size(); i++) {
                    (Callbacks.test(c, a[1], x.get(i), i) ? keep : out).add(x.get(i));
                }
                x.clear();
                x.addAll(keep);
                return out;
            }
            int[] sp = spanArgs(x.size(), a[1], a.length > 2 ? a[2] : null);
            if (sp == null) {
                return Args.NO;
            }
            RArray keep = new RArray(x.subList(sp[0], sp[0] + sp[1]));
            RArray out = new RArray(x.subList(0, sp[0]));
            out.addAll(x.subList(sp[0] + sp[1], x.size()));
            x.clear();
            x.addAll(keep);
            return out;
        });
        t.mut("splice", new int[] {3, 4}, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !(a[a.length - 1] instanceof RArray repl)) {
                return Args.NO;
            }
            int[] sp = spanArgs(x.size(), a[1], a.length > 3 ? a[2] : null);
            if (sp == null) {
                return Args.NO;
            }
            List<Object> sub = x.subList(sp[0], sp[0] + sp[1]);
            sub.clear();
            for (Object o : repl) {
                Values.markShared(o);
            }
            x.addAll(sp[0], repl);
            c.checkArray(x);
            return Unit.UNIT;
        });
        t.mut("split", 2, (c, a) -> {
            if (a[0] instanceof RArray x && a[1] instanceof Long p) {
                int[] sp = span(x.size(), p, Long.MAX_VALUE);
                List<Object> sub = x.subList(sp[0], x.size());
                RArray out = new RArray(sub);
                sub.clear();
                return out;
            }
            return Args.NO;
        });
        registerFunctional(t);
    }

    private static void registerFunctional(FunctionTable t) {
        t.fn("map", 2, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            RArray out = new RArray(x.size());
            for (int i = 0; i < x.size(); i++) {
                out.add(Callbacks.callWithIndex(c, a[1], x.get(i), i));
            }
            return out;
        });
        t.fn("filter", 2, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            RArray out = new RArray();
            for (int i = 0; i < x.size(); i++) {
                if (Callbacks.test(c, a[1], x.get(i), i)) {
                    out.add(x.get(i));
                }
            }
            return out;
        });
        t.mut("for_each", 2, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            boolean withIndex = c.fnArity(a[1]) == 1;
            for (int i = 0; i < x.size(); i++) {
                c.tick();
                Object e = x.get(i);
                if (withIndex) {
                    c.callFnThis(a[1], e, (long) i);
                } else {
                    c.callFnThis(a[1], e);
                }
                Object now = c.lastThis();
                if (now != null && now != e) {
                    x.set(i, now);
                }
            }
            return Unit.UNIT;
        });
        t.fn("some", 2, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            for (int i = 0; i < x.size(); i++) {
                if (Callbacks.test(c, a[1], x.get(i), i)) {
                    return true;
                }
            }
            return false;
        });
        t.fn("all", 2, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!Callbacks.test(c, a[1], x.get(i), i)) {
                    return false;
                }
            }
            return true;
        });
        t.fn("find", new int[] {2, 3}, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            int from = a.length > 2 && a[2] instanceof Long s ? span(x.size(), s, Long.MAX_VALUE)[0] : 0;
            for (int i = from; i < x.size(); i++) {
                if (Callbacks.test(c, a[1], x.get(i), i)) {
                    return x.get(i);
                }
            }
            return Unit.UNIT;
        });
        t.fn("find_map", new int[] {2, 3}, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            int from = a.length > 2 && a[2] instanceof Long s ? span(x.size(), s, Long.MAX_VALUE)[0] : 0;
            for (int i = from; i < x.size(); i++) {
                Object r = Callbacks.callWithIndex(c, a[1], x.get(i), i);
                if (r != Unit.UNIT) {
                    return r;
                }
            }
            return Unit.UNIT;
        });
        t.fn("index_of", new int[] {2, 3}, (c, a) -> {
            if (!(a[0] instanceof RArray x)) {
                return Args.NO;
            }
            int from = a.length > 2 && a[2] instanceof Long s ? span(x.size(), s, Long.MAX_VALUE)[0] : 0;
            boolean fn = a[1] instanceof io.picloud.rhai.impl.runtime.RFnPtr
                    || (a[1] instanceof String s && c.fnArity(s) >= 0);
            for (int i = from; i < x.size(); i++) {
                if (fn ? Callbacks.test(c, a[1], x.get(i), i) : Values.eq(x.get(i), a[1])) {
                    return (long) i;
                }
            }
            return -1L;
        });
        t.fn("reduce", new int[] {2, 3}, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            Object acc = a.length > 2 ? a[2] : Unit.UNIT;
            boolean withIndex = c.fnArity(a[1]) == 3;
            for (int i = 0; i < x.size(); i++) {
                c.tick();
                acc = withIndex ? c.callFn(a[1], acc, x.get(i), (long) i) : c.callFn(a[1], acc, x.get(i));
            }
            return acc;
        });
        t.fn("reduce_rev", new int[] {2, 3}, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            Object acc = a.length > 2 ? a[2] : Unit.UNIT;
            boolean withIndex = c.fnArity(a[1]) == 3;
            for (int i = x.size() - 1; i >= 0; i--) {
                c.tick();
                acc = withIndex ? c.callFn(a[1], acc, x.get(i), (long) i) : c.callFn(a[1], acc, x.get(i));
            }
            return acc;
        });
        t.fn("zip", 3, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !(a[1] instanceof RArray y)) {
                return Args.NO;
            }
            RArray out = new RArray();
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                c.tick();
                out.add(c.callFn(a[2], x.get(i), y.get(i)));
            }
            return out;
        });
        t.mut("sort", 1, (c, a) -> {
            if (!(a[0] instanceof RArray x)) {
                return Args.NO;
            }
            checkSortable(x);
            sort(x, BasicArrayPackage::compareNatural);
            return Unit.UNIT;
        });
        t.mut("sort_desc", 1, (c, a) -> {
            if (!(a[0] instanceof RArray x)) {
                return Args.NO;
            }
            checkSortable(x);
            sort(x, (p, q) -> compareNatural(q, p));
            return Unit.UNIT;
        });
        t.mut("sort", 2, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            sort(x, comparer(c, a[1]));
            return Unit.UNIT;
        });
        t.mut("sort_by", 2, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            sort(x, comparer(c, a[1]));
            return Unit.UNIT;
        });
        t.fn("order", 1, (c, a) -> {
            if (!(a[0] instanceof RArray x)) {
                return Args.NO;
            }
            checkSortable(x);
            RArray out = x.cow();
            sort(out, BasicArrayPackage::compareNatural);
            return out;
        });
        t.fn("order_desc", 1, (c, a) -> {
            if (!(a[0] instanceof RArray x)) {
                return Args.NO;
            }
            checkSortable(x);
            RArray out = x.cow();
            sort(out, (p, q) -> compareNatural(q, p));
            return out;
        });
        t.fn("order_by", 2, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            RArray out = x.cow();
            sort(out, comparer(c, a[1]));
            return out;
        });
        t.fn("order", 2, (c, a) -> {
            if (!(a[0] instanceof RArray x) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            RArray out = x.cow();
            sort(out, comparer(c, a[1]));
            return out;
        });
        t.mut("dedup", new int[] {1, 2}, (c, a) -> {
            if (!(a[0] instanceof RArray x)) {
                return Args.NO;
            }
            List<Object> out = new ArrayList<>();
            for (Object o : x) {
                if (!out.isEmpty()) {
                    Object last = out.get(out.size() - 1);
                    boolean same;
                    if (a.length > 1) {
                        c.tick();
                        same = Boolean.TRUE.equals(c.callFn(a[1], last, o));
                    } else {
                        same = Values.eq(last, o);
                    }
                    if (same) {
                        continue;
                    }
                }
                out.add(o);
            }
            x.clear();
            x.addAll(out);
            return Unit.UNIT;
        });
    }
}
