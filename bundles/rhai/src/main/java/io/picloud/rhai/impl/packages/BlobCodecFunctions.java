package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.Unit;

import java.nio.charset.StandardCharsets;

/**
 * Binary codecs of Rhai's BasicBlobPackage: parse_le_int / parse_be_int / parse_le_float / parse_be_float and
 * write_le / write_be / write_utf8 / write_ascii over (start, len) or a range. At most 8 bytes are used; fewer
 * bytes fill the first positions of the 8-byte buffer (so a short big-endian read lands in the high bytes),
 * exactly as Rhai does.
 */
final class BlobCodecFunctions {
    private BlobCodecFunctions() {
    }

    /** The (start, len) window of the call, already clamped; {0, 0} = nothing to do; null = wrong types. */
    static int[] window(RBlob b, Object[] a, int valueArgs) {
        int n = a.length - 1 - valueArgs;
        Object s = a[1];
        Object l = n == 2 ? a[2] : null;
        if (n != 1 && n != 2) {
            return null;
        }
        return BasicBlobPackage.window(b, s, l);
    }

    static long read(RBlob b, int[] w, boolean little) {
        int n = Math.min(w[1], 8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            long x = i < n ? b.data[w[0] + i] & 0xFFL : 0;
            v |= little ? x << (8 * i) : x << (8 * (7 - i));
        }
        return v;
    }

    static void write(RBlob b, int[] w, long bits, boolean little) {
        int n = Math.min(w[1], 8);
        for (int i = 0; i < n; i++) {
            b.data[w[0] + i] = (byte) (little ? bits >>> (8 * i) : bits >>> (8 * (7 - i)));
        }
    }

    static void register(FunctionTable t) {
        for (String end : new String[] {"le", "be"}) {
            boolean little = end.equals("le");
            t.fn("parse_" + end + "_int", new int[] {2, 3}, (c, a) -> {
                int[] w = a[0] instanceof RBlob b ? window(b, a, 0) : null;
                return w == null ? Args.NO : (Object) (w[1] == 0 ? 0L : read((RBlob) a[0], w, little));
            });
            t.fn("parse_" + end + "_float", new int[] {2, 3}, (c, a) -> {
                int[] w = a[0] instanceof RBlob b ? window(b, a, 0) : null;
                return w == null ? Args.NO
                        : (Object) (w[1] == 0 ? 0.0 : Double.longBitsToDouble(read((RBlob) a[0], w, little)));
            });
            t.mut("write_" + end, new int[] {3, 4}, (c, a) -> {
                Object v = a[a.length - 1];
                if (!(a[0] instanceof RBlob b) || !(v instanceof Long || v instanceof Double)) {
                    return Args.NO;
                }
                int[] w = window(b, a, 1);
                if (w == null) {
                    return Args.NO;
                }
                if (w[1] > 0) {
                    long bits = v instanceof Long l ? l : Double.doubleToRawLongBits((Double) v);
                    write(b, w, bits, little);
                }
                return Unit.UNIT;
            });
        }
        for (String kind : new String[] {"utf8", "ascii"}) {
            boolean ascii = kind.equals("ascii");
            t.mut("write_" + kind, new int[] {3, 4}, (c, a) -> {
                if (!(a[0] instanceof RBlob b) || !(a[a.length - 1] instanceof String s)) {
                    return Args.NO;
                }
                int[] w = window(b, a, 1);
                if (w == null) {
                    return Args.NO;
                }
                if (w[1] == 0 || s.isEmpty()) {
                    return Unit.UNIT;
                }
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                int n = Math.min(w[1], bytes.length);
                if (!ascii) {
                    System.arraycopy(bytes, 0, b.data, w[0], n);
                    return Unit.UNIT;
                }
                int k = 0;
                for (int i = 0; i < s.length() && k < n; i++) {
                    char ch = s.charAt(i);
                    if (ch < 0x80) {
                        b.data[w[0] + k++] = (byte) ch;
                    }
                }
                return Unit.UNIT;
            });
        }
    }
}
