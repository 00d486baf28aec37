package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rhai's BasicBlobPackage (blob_basic.rs). Bytes are stored {@code value & 0xFF}; positions follow
 * {@code calc_offset_len} like arrays; empty-blob reads give 0 (not ()). The binary parse/write functions are in
 * {@link BlobCodecFunctions}.
 */
final class BasicBlobPackage {
    private BasicBlobPackage() {
    }

    static RBlob newBlob(byte[] bytes, int size) {
        return new RBlob(bytes.length < 8 ? Arrays.copyOf(bytes, 8) : bytes, size);
    }

    /** (start, len) clamped within the blob, or null when the arguments are not (INT, INT) or a range. */
    static int[] window(RBlob b, Object s, Object l) {
        long[] sl = BasicArrayPackage.startLen(s, l);
        if (sl == null) {
            return null;
        }
        if (b.size == 0 || sl[1] <= 0) {
            return new int[] {0, 0};
        }
        return BasicArrayPackage.span(b.size, sl[0], sl[1]);
    }

    static void removeRange(RBlob b, int from, int to) {
        System.arraycopy(b.data, to, b.data, from, b.size - to);
        b.size -= to - from;
    }

    static void checkSize(CallContext c, long len) {
        int max = BasicArrayPackage.maxArraySize(c);
        if ((max > 0 && len > max) || len > Integer.MAX_VALUE - 16) {
            throw BasicArrayPackage.tooLarge();
        }
    }

    static void register(FunctionTable t) {
        registerBasics(t);
        registerRanges(t);
        BlobCodecFunctions.register(t);
    }

    private static void registerBasics(FunctionTable t) {
        t.fn("blob", 0, (c, a) -> new RBlob());
        t.fn("blob", new int[] {1, 2}, (c, a) -> {
            if (!(a[0] instanceof Long n) || (a.length > 1 && !(a[1] instanceof Long))) {
                return Args.NO;
            }
            if (n <= 0) {
                return new RBlob();
            }
            checkSize(c, n);
            int len = (int) (long) n;
            byte[] data = new byte[Math.max(8, len)];
            if (a.length > 1) {
                Arrays.fill(data, 0, len, (byte) (long) (Long) a[1]);
            }
            return new RBlob(data, len);
        });
        t.fn("len", 1, (c, a) -> a[0] instanceof RBlob b ? (Object) (long) b.size : Args.NO);
        t.fn("is_empty", 1, (c, a) -> a[0] instanceof RBlob b ? (Object) (b.size == 0) : Args.NO);
        t.fn("contains", 2, (c, a) -> {
            if (a[0] instanceof RBlob b && a[1] instanceof Long v) {
                byte x = (byte) (long) v;
                for (int i = 0; i < b.size; i++) {
                    if (b.data[i] == x) {
                        return true;
                    }
                }
                return false;
            }
            return Args.NO;
        });
        t.fn("get", 2, (c, a) -> {
            if (a[0] instanceof RBlob b && a[1] instanceof Long p) {
                if (b.size == 0) {
                    return 0L;
                }
                int i = BasicArrayPackage.span(b.size, p, 0)[0];
                return i >= b.size ? 0L : (long) b.get(i);
            }
            return Args.NO;
        });
        t.mut("set", 3, (c, a) -> {
            if (a[0] instanceof RBlob b && a[1] instanceof Long p && a[2] instanceof Long v) {
                if (b.size > 0) {
                    int i = BasicArrayPackage.span(b.size, p, 0)[0];
                    if (i < b.size) {
                        b.set(i, v);
                    }
                }
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("push", 2, (c, a) -> {
            if (a[0] instanceof RBlob b && a[1] instanceof Long v) {
                b.add(v);
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("append", 2, (c, a) -> {
            if (!(a[0] instanceof RBlob b)) {
                return Args.NO;
            }
            if (a[1] instanceof Long v) {
                b.add(v);
            } else if (a[1] instanceof RBlob o) {
                b.addAll(o.data, 0, o.size);
            } else if (a[1] instanceof String || Values.isChar(a[1])) {
                byte[] bytes = a[1].toString().getBytes(StandardCharsets.UTF_8);
                b.addAll(bytes, 0, bytes.length);
            } else {
                return Args.NO;
            }
            return Unit.UNIT;
        });
        t.mut("insert", 3, (c, a) -> {
            if (a[0] instanceof RBlob b && a[1] instanceof Long p && a[2] instanceof Long v) {
                int i = b.size == 0 ? 0 : BasicArrayPackage.span(b.size, p, 0)[0];
                b.insert(Math.min(i, b.size), v);
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("pad", 3, (c, a) -> {
            if (a[0] instanceof RBlob b && a[1] instanceof Long len && a[2] instanceof Long v) {
                if (len <= 0) {
                    return Unit.UNIT;
                }
                checkSize(c, len);
                int n = (int) (long) len;
                if (n > b.size) {
                    b.ensure(n);
                    Arrays.fill(b.data, b.size, n, (byte) (long) v);
                    b.size = n;
                }
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("pop", 1, (c, a) -> a[0] instanceof RBlob b
                ? (Object) (b.size == 0 ? 0L : (long) b.removeAt(b.size - 1)) : Args.NO);
        t.mut("shift", 1, (c, a) -> a[0] instanceof RBlob b
                ? (Object) (b.size == 0 ? 0L : (long) b.removeAt(0)) : Args.NO);
        t.mut("remove", 2, (c, a) -> {
            if (a[0] instanceof RBlob b && a[1] instanceof Long p) {
                int i = BasicArrayPackage.index(b.size, p);
                return i < 0 ? 0L : (long) b.removeAt(i);
            }
            return Args.NO;
        });
        t.mut("clear", 1, (c, a) -> {
            if (a[0] instanceof RBlob b) {
                b.size = 0;
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("truncate", 2, (c, a) -> {
            if (a[0] instanceof RBlob b && a[1] instanceof Long len) {
                b.size = len <= 0 ? 0 : (int) Math.min(len, b.size);
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("chop", 2, (c, a) -> {
            if (a[0] instanceof RBlob b && a[1] instanceof Long len) {
                if (len <= 0) {
                    b.size = 0;
                } else if (len < b.size) {
                    removeRange(b, 0, b.size - (int) (long) len);
                }
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("reverse", 1, (c, a) -> {
            if (a[0] instanceof RBlob b) {
                for (int i = 0, j = b.size - 1; i < j; i++, j--) {
                    byte x = b.data[i];
                    b.data[i] = b.data[j];
                    b.data[j] = x;
                }
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.fn("to_array", 1, (c, a) -> {
            if (!(a[0] instanceof RBlob b)) {
                return Args.NO;
            }
            RArray out = new RArray(b.size);
            for (int i = 0; i < b.size; i++) {
                out.add((long) b.get(i));
            }
            return out;
        });
        t.fn("as_string", 1, (c, a) -> a[0] instanceof RBlob b
                ? (Object) new String(b.data, 0, b.size, StandardCharsets.UTF_8) : Args.NO);
    }

    private static void registerRanges(FunctionTable t) {
        t.mut("extract", new int[] {2, 3}, (c, a) -> {
            if (!(a[0] instanceof RBlob b)) {
                return Args.NO;
            }
            int[] w = a.length == 2 && a[1] instanceof Long s ? window(b, s, Long.MAX_VALUE)
                    : window(b, a[1], a.length > 2 ? a[2] : null);
            return w == null ? Args.NO : b.slice(w[0], w[0] + w[1]);
        });
        t.mut("drain", new int[] {2, 3}, (c, a) -> {
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
        });
        t.mut("retain", new int[] {2, 3}, (c, a) -> {
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
        });
        t.mut("splice", new int[] {3, 4}, (c, a) -> {
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
        });
        t.mut("split", 2, (c, a) -> {
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
        });
    }
}
