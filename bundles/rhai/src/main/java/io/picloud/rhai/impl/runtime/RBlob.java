package io.picloud.rhai.impl.runtime;

import java.util.Arrays;

/** A Rhai BLOB: a growable byte array, copy-on-write like {@link RArray}. */
public final class RBlob {
    public byte[] data;
    public int size;
    public boolean shared;

    public RBlob() {
        data = new byte[8];
    }

    public RBlob(byte[] bytes, int size) {
        this.data = bytes;
        this.size = size;
    }

    public RBlob cow() {
        return new RBlob(Arrays.copyOf(data, Math.max(size, 8)), size);
    }

    public int get(int i) {
        return data[i] & 0xFF;
    }

    public void set(int i, long v) {
        data[i] = (byte) v;
    }

    public void add(long v) {
        ensure(size + 1);
        data[size++] = (byte) v;
    }

    public void insert(int at, long v) {
        ensure(size + 1);
        System.arraycopy(data, at, data, at + 1, size - at);
        data[at] = (byte) v;
        size++;
    }

    public int removeAt(int at) {
        int v = get(at);
        System.arraycopy(data, at + 1, data, at, size - at - 1);
        size--;
        return v;
    }

    public void addAll(byte[] b, int off, int len) {
        ensure(size + len);
        System.arraycopy(b, off, data, size, len);
        size += len;
    }

    public void ensure(int n) {
        if (n > data.length) {
            data = Arrays.copyOf(data, Math.max(n, data.length * 2));
        }
    }

    public byte[] toBytes() {
        return Arrays.copyOf(data, size);
    }

    public RBlob slice(int from, int to) {
        return new RBlob(Arrays.copyOfRange(data, from, Math.max(to, from)), Math.max(0, to - from));
    }
}
