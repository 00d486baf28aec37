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
        t.fn("parse_le_int", new int[] {2, 3}, (c, a) -> parseInt(a, true));
        t.fn("parse_le_float", new int[] {2, 3}, (c, a) -> parseFloat(a, true));
        t.mut("write_le", new int[] {3, 4}, (c, a) -> writeNumber(a, true));
        t.fn("parse_be_int", new int[] {2, 3}, (c, a) -> parseInt(a, false));
        t.fn("parse_be_float", new int[] {2, 3}, (c, a) -> parseFloat(a, false));
        t.mut("write_be", new int[] {3, 4}, (c, a) -> writeNumber(a, false));
        t.mut("write_utf8", new int[] {3, 4}, (c, a) -> writeText(a, false));
        t.mut("write_ascii", new int[] {3, 4}, (c, a) -> writeText(a, true));
    }

    /** {@code parse_le_int} / {@code parse_be_int(blob, start, len | range)}: 0 for an empty part. */
    static Object parseInt(Object[] a, boolean little) {
        int[] w = a[0] instanceof RBlob b ? window(b, a, 0) : null;
        return w == null ? Args.NO : (Object) (w[1] == 0 ? 0L : read((RBlob) a[0], w, little));
    }

    /** {@code parse_le_float} / {@code parse_be_float(blob, start, len | range)}: 0.0 for an empty part. */
    static Object parseFloat(Object[] a, boolean little) {
        int[] w = a[0] instanceof RBlob b ? window(b, a, 0) : null;
        return w == null ? Args.NO
                : (Object) (w[1] == 0 ? 0.0 : Double.longBitsToDouble(read((RBlob) a[0], w, little)));
    }

    /** {@code write_le} / {@code write_be(blob, start, len | range, value)}: an INT or the bits of a FLOAT. */
    static Object writeNumber(Object[] a, boolean little) {
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
    }

    /**
     * {@code write_utf8} / {@code write_ascii(blob, start, len | range, text)}: as many bytes as fit; ASCII
     * skips the characters outside ASCII.
     */
    static Object writeText(Object[] a, boolean ascii) {
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
    }
}
