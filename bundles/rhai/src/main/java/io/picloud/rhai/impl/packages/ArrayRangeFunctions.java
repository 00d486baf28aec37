package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.util.List;

import static io.picloud.rhai.impl.packages.BasicArrayPackage.copyOf;
import static io.picloud.rhai.impl.packages.BasicArrayPackage.span;
import static io.picloud.rhai.impl.packages.BasicArrayPackage.startLen;

/**
 * The functions of Rhai's BasicArrayPackage that take a part of the array as (start, len) or as a range:
 * extract, drain, retain, splice. Positions are converted as {@link BasicArrayPackage#span} says.
 */
final class ArrayRangeFunctions {
    private ArrayRangeFunctions() {
    }

    static void register(FunctionTable t) {
        t.mut("extract", new int[] {2, 3}, ArrayRangeFunctions::extract);
        t.mut("drain", new int[] {2, 3}, ArrayRangeFunctions::drain);
        t.mut("retain", new int[] {2, 3}, ArrayRangeFunctions::retain);
        t.mut("splice", new int[] {3, 4}, ArrayRangeFunctions::splice);
    }

    /** The (start, len) of the arguments after the array, or null when their types do not fit. */
    private static long[] part(Object[] a, int argsAfterPart) {
        return startLen(a[1], a.length - argsAfterPart > 2 ? a[2] : null);
    }

    /** {@code extract(array, start[, len])} or {@code extract(array, range)}: a copy of that part. */
    static Object extract(CallContext c, Object[] a) {
        if (!(a[0] instanceof RArray x)) {
            return Args.NO;
        }
        long[] sl = a.length == 2 && a[1] instanceof Long s ? new long[] {s, Long.MAX_VALUE} : part(a, 0);
        if (sl == null) {
            return Args.NO;
        }
        if (x.isEmpty() || sl[1] <= 0) {
            return new RArray();
        }
        int[] sp = span(x.size(), sl[0], sl[1]);
        return copyOf(x.subList(sp[0], sp[0] + sp[1]));
    }

    /** {@code drain(array, start, len)} or {@code drain(array, range)}: removes that part and returns it. */
    static Object drain(CallContext c, Object[] a) {
        if (!(a[0] instanceof RArray x)) {
            return Args.NO;
        }
        long[] sl = part(a, 0);
        if (sl == null) {
            return Args.NO;
        }
        if (x.isEmpty() || sl[1] <= 0) {
            return new RArray();
        }
        int[] sp = span(x.size(), sl[0], sl[1]);
        List<Object> sub = x.subList(sp[0], sp[0] + sp[1]);
        RArray out = new RArray(sub);
        sub.clear();
        return out;
    }

    /** {@code retain(array, start, len)} or {@code retain(array, range)}: keeps that part, returns the rest. */
    static Object retain(CallContext c, Object[] a) {
        if (!(a[0] instanceof RArray x)) {
            return Args.NO;
        }
        long[] sl = part(a, 0);
        if (sl == null) {
            return Args.NO;
        }
        if (x.isEmpty() || sl[1] <= 0) {
            return new RArray();
        }
        int[] sp = span(x.size(), sl[0], sl[1]);
        if (sp[1] == 0) {
            return new RArray();
        }
        RArray out = new RArray(x.subList(0, sp[0]));
        out.addAll(x.subList(sp[0] + sp[1], x.size()));
        x.subList(sp[0] + sp[1], x.size()).clear();
        x.subList(0, sp[0]).clear();
        return out;
    }

    /** {@code splice(array, start, len, other)} or {@code splice(array, range, other)}: replaces that part. */
    static Object splice(CallContext c, Object[] a) {
        if (!(a[0] instanceof RArray x) || !(a[a.length - 1] instanceof RArray repl)) {
            return Args.NO;
        }
        long[] sl = part(a, 1);
        if (sl == null) {
            return Args.NO;
        }
        for (Object o : repl) {
            Values.markShared(o);
        }
        if (x.isEmpty()) {
            x.addAll(repl);
            return Unit.UNIT;
        }
        int[] sp = span(x.size(), sl[0], sl[1]);
        if (sp[0] >= x.size()) {
            x.addAll(repl);
        } else {
            x.subList(sp[0], sp[0] + sp[1]).clear();
            x.addAll(sp[0], repl);
        }
        return Unit.UNIT;
    }
}
