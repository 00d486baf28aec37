package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rhai's BasicBlobPackage (blob_basic.rs). Bytes are stored {@code value & 0xFF}; positions follow
 * {@code calc_offset_len} like arrays; empty-blob reads give 0 (not ()). The (start, len) and range functions are in
 * {@link BlobRangeFunctions}, the binary parse/write functions in {@link BlobCodecFunctions}.
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
        BlobRangeFunctions.register(t);
        BlobCodecFunctions.register(t);
    }

    private static void registerBasics(FunctionTable t) {
        t.fn("blob", 0, (c, a) -> new RBlob());
        t.fn("blob", new int[] {1, 2}, BasicBlobPackage::blob);
        t.fn("len", 1, (c, a) -> a[0] instanceof RBlob b ? (Object) (long) b.size : Args.NO);
        t.fn("is_empty", 1, (c, a) -> a[0] instanceof RBlob b ? (Object) (b.size == 0) : Args.NO);
        t.fn("contains", 2, BasicBlobPackage::contains);
        t.fn("get", 2, BasicBlobPackage::get);
        t.mut("set", 3, BasicBlobPackage::set);
        t.mut("push", 2, BasicBlobPackage::push);
        t.mut("append", 2, BasicBlobPackage::append);
        t.mut("insert", 3, BasicBlobPackage::insert);
        t.mut("pad", 3, BasicBlobPackage::pad);
        t.mut("pop", 1, (c, a) -> a[0] instanceof RBlob b
                ? (Object) (b.size == 0 ? 0L : (long) b.removeAt(b.size - 1)) : Args.NO);
        t.mut("shift", 1, (c, a) -> a[0] instanceof RBlob b
                ? (Object) (b.size == 0 ? 0L : (long) b.removeAt(0)) : Args.NO);
        t.mut("remove", 2, BasicBlobPackage::remove);
        t.mut("clear", 1, BasicBlobPackage::clear);
        t.mut("truncate", 2, BasicBlobPackage::truncate);
        t.mut("chop", 2, BasicBlobPackage::chop);
        t.mut("reverse", 1, BasicBlobPackage::reverse);
        t.fn("to_array", 1, BasicBlobPackage::toArray);
        t.fn("as_string", 1, (c, a) -> a[0] instanceof RBlob b
                ? (Object) new String(b.data, 0, b.size, StandardCharsets.UTF_8) : Args.NO);
    }

    /** {@code blob(len[, value])}: {@code len} bytes of the value (0 by default), checked against the size limit. */
    static Object blob(CallContext c, Object[] a) {
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
    }

    /** {@code contains(blob, value)}: the value's low byte. */
    static Object contains(CallContext c, Object[] a) {
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
    }

    /** {@code get(blob, index)}: the byte, or 0 when out of bounds. */
    static Object get(CallContext c, Object[] a) {
        if (a[0] instanceof RBlob b && a[1] instanceof Long p) {
            if (b.size == 0) {
                return 0L;
            }
            int i = BasicArrayPackage.span(b.size, p, 0)[0];
            return i >= b.size ? 0L : (long) b.get(i);
        }
        return Args.NO;
    }

    /** {@code set(blob, index, value)}: nothing happens when out of bounds. */
    static Object set(CallContext c, Object[] a) {
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
    }

    /** {@code push(blob, value)}. */
    static Object push(CallContext c, Object[] a) {
        if (a[0] instanceof RBlob b && a[1] instanceof Long v) {
            b.add(v);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code append(blob, x)}: a byte, another BLOB, or the UTF-8 bytes of a string or char. */
    static Object append(CallContext c, Object[] a) {
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
    }

    /** {@code insert(blob, index, value)}: a position past the end appends. */
    static Object insert(CallContext c, Object[] a) {
        if (a[0] instanceof RBlob b && a[1] instanceof Long p && a[2] instanceof Long v) {
            int i = b.size == 0 ? 0 : BasicArrayPackage.span(b.size, p, 0)[0];
            b.insert(Math.min(i, b.size), v);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code pad(blob, len, value)}: grows to the length (checked against the size limit first). */
    static Object pad(CallContext c, Object[] a) {
        if (a[0] instanceof RBlob b && a[1] instanceof Long len && a[2] instanceof Long v) {
            if (len <= 0) {
                return Unit.UNIT;
            }
            int max = BasicArrayPackage.maxArraySize(c);
            if ((max > 0 && len > max) || len > Integer.MAX_VALUE - 16) {
                // Rhai's blob pad names the BLOB alone (blob() and push say "array/BLOB")
                throw new EvalError(ErrorKind.DATA_TOO_LARGE, "Size of BLOB too large");
            }
            int n = (int) (long) len;
            if (n > b.size) {
                b.ensure(n);
                Arrays.fill(b.data, b.size, n, (byte) (long) v);
                b.size = n;
            }
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code remove(blob, index)}: the removed byte, or 0 when out of bounds. */
    static Object remove(CallContext c, Object[] a) {
        if (a[0] instanceof RBlob b && a[1] instanceof Long p) {
            int i = BasicArrayPackage.index(b.size, p);
            return i < 0 ? 0L : (long) b.removeAt(i);
        }
        return Args.NO;
    }

    /** {@code clear(blob)}. */
    static Object clear(CallContext c, Object[] a) {
        if (a[0] instanceof RBlob b) {
            b.size = 0;
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code truncate(blob, len)}: keeps the first {@code len} bytes. */
    static Object truncate(CallContext c, Object[] a) {
        if (a[0] instanceof RBlob b && a[1] instanceof Long len) {
            b.size = len <= 0 ? 0 : (int) Math.min(len, b.size);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code chop(blob, len)}: keeps the last {@code len} bytes. */
    static Object chop(CallContext c, Object[] a) {
        if (a[0] instanceof RBlob b && a[1] instanceof Long len) {
            if (len <= 0) {
                b.size = 0;
            } else if (len < b.size) {
                removeRange(b, 0, b.size - (int) (long) len);
            }
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code reverse(blob)}. */
    static Object reverse(CallContext c, Object[] a) {
        if (a[0] instanceof RBlob b) {
            for (int i = 0, j = b.size - 1; i < j; i++, j--) {
                byte x = b.data[i];
                b.data[i] = b.data[j];
                b.data[j] = x;
            }
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code to_array(blob)}: the bytes as INT elements 0 to 255. */
    static Object toArray(CallContext c, Object[] a) {
        if (!(a[0] instanceof RBlob b)) {
            return Args.NO;
        }
        RArray out = new RArray(b.size);
        for (int i = 0; i < b.size; i++) {
            out.add((long) b.get(i));
        }
        return out;
    }
}
