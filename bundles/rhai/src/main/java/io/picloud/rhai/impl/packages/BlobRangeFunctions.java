package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.Unit;

import java.util.Arrays;

import static io.picloud.rhai.impl.packages.BasicBlobPackage.newBlob;
import static io.picloud.rhai.impl.packages.BasicBlobPackage.removeRange;
import static io.picloud.rhai.impl.packages.BasicBlobPackage.window;

/**
 * The functions of Rhai's BasicBlobPackage that take a part of the BLOB as (start, len) or as a range, and
 * split: extract, drain, retain, splice, split. Positions are converted as for arrays.
 */
final class BlobRangeFunctions {
    private BlobRangeFunctions() {
    }

    static void register(FunctionTable t) {
        t.mut("extract", new int[] {2, 3}, BlobRangeFunctions::extract);
        t.mut("drain", new int[] {2, 3}, BlobRangeFunctions::drain);
        t.mut("retain", new int[] {2, 3}, BlobRangeFunctions::retain);
        t.mut("splice", new int[] {3, 4}, BlobRangeFunctions::splice);
        t.mut("split", 2, BlobRangeFunctions::split);
    }

    /** {@code extract(blob, start[, len])} or {@code extract(blob, range)}: a copy of that part. */
    static Object extract(CallContext c, Object[] a) {
        if (!(a[0] instanceof RBlob b)) {
            return Args.NO;
        }
        int[] w = a.length == 2 && a[1] instanceof Long s ? window(b, s, Long.MAX_VALUE)
                : window(b, a[1], a.length > 2 ? a[2] : null);
        return w == null ? Args.NO : b.slice(w[0], w[0] + w[1]);
    }

    /** {@code drain(blob, start, len)} or {@code drain(blob, range)}: removes that part and returns it. */
    static Object drain(CallContext c, Object[] a) {
        if (!(a[0] instanceof RBlob b)) {
            return Args.NO;
        }
        int[] w = window(b, a[1], a.length > 2 ? a[2] : null);
        if (w == null) {
            return Args.NO;
        }
        RBlob out = b.slice(w[0], w[0] + w[1]);
        removeRange(b, w[0], w[0] + w[1]);
        return out;
    }

    /** {@code retain(blob, start, len)} or {@code retain(blob, range)}: keeps that part, returns the rest. */
    static Object retain(CallContext c, Object[] a) {
        if (!(a[0] instanceof RBlob b)) {
            return Args.NO;
        }
        long[] sl = BasicArrayPackage.startLen(a[1], a.length > 2 ? a[2] : null);
        if (sl == null) {
            return Args.NO;
        }
        if (b.size == 0 || sl[1] <= 0) {
            return new RBlob();
        }
        int[] w = BasicArrayPackage.span(b.size, sl[0], sl[1]);
        if (w[1] == 0) {
            RBlob all = new RBlob(b.data, b.size);
            b.data = new byte[8];
            b.size = 0;
            return all;
        }
        byte[] out = new byte[b.size - w[1]];
        System.arraycopy(b.data, 0, out, 0, w[0]);
        System.arraycopy(b.data, w[0] + w[1], out, w[0], b.size - w[0] - w[1]);
        System.arraycopy(b.data, w[0], b.data, 0, w[1]);
        b.size = w[1];
        return newBlob(out, out.length);
    }

    /** {@code splice(blob, start, len, other)} or {@code splice(blob, range, other)}: replaces that part. */
    static Object splice(CallContext c, Object[] a) {
        if (!(a[0] instanceof RBlob b) || !(a[a.length - 1] instanceof RBlob repl)) {
            return Args.NO;
        }
        long[] sl = BasicArrayPackage.startLen(a[1], a.length > 3 ? a[2] : null);
        if (sl == null) {
            return Args.NO;
        }
        if (b.size == 0) {
            b.data = Arrays.copyOf(repl.data, Math.max(8, repl.size));
            b.size = repl.size;
            return Unit.UNIT;
        }
        int[] w = BasicArrayPackage.span(b.size, sl[0], sl[1]);
        if (w[1] == 0) {
            // Rhai appends at the end when nothing is replaced
            b.addAll(repl.data, 0, repl.size);
            return Unit.UNIT;
        }
        byte[] tail = Arrays.copyOfRange(b.data, w[0] + w[1], b.size);
        b.size = w[0];
        b.addAll(repl.data, 0, repl.size);
        b.addAll(tail, 0, tail.length);
        return Unit.UNIT;
    }

    /** {@code split(blob, index)}: removes and returns the bytes from the index on. */
    static Object split(CallContext c, Object[] a) {
        if (a[0] instanceof RBlob b && a[1] instanceof Long p) {
            if (b.size == 0) {
                return new RBlob();
            }
            int[] w = BasicArrayPackage.span(b.size, p, Long.MAX_VALUE);
            if (w[0] >= b.size) {
                return new RBlob();
            }
            RBlob out = b.slice(w[0], b.size);
            b.size = w[0];
            return out;
        }
        return Args.NO;
    }
}
