package io.picloud.rhai.impl.runtime;

/**
 * The data sizes the sandbox limits are checked against, counted as Rhai's {@code calc_data_sizes} counts them,
 * and an estimate of the memory a value holds.
 *
 * <p>Rhai's counts of a value: an array counts 1 per element, a map 1 per property; a nested array or map adds
 * its own counts to its holder's; a BLOB counts its length (1 + length when nested); every string inside, at
 * any depth, adds its UTF-8 length to the string count. Top-level strings count their UTF-8 length.
 *
 * <p>Counting is incremental: {@link RArray} and {@link RMap} cache the sums over their elements and keep them
 * up to date as elements are added, replaced or removed one at a time; any other change drops the cache and the
 * next count walks that container once (its nested containers answer from their own caches). A container reached
 * for an in-place change through an index or property chain drops its cache too (see the evaluator's places),
 * since it cannot see its element change.
 *
 * <p>The memory model (bytes, a 64-bit JVM with compressed references, rounded up): a boxed number or char 16;
 * a string 40 + its length in chars (compact strings hold one byte per Latin-1 char, two otherwise); an array
 * 40 + 8 per slot + its elements; a map 48 + 80 per entry (tree node and key string) + the key's length + the
 * value; a BLOB 32 + its length; a function pointer 40 + 8 per curried value + those values; a captured variable
 * 16 + its value. Values shared by copy-on-write are counted once per holder, as Rhai counts them.
 */
public final class DataSizes {
    static final long NUMBER = 16;
    static final long STRING = 40;
    static final long ARRAY = 40;
    static final long ARRAY_SLOT = 8;
    static final long MAP = 48;
    static final long MAP_ENTRY = 80;
    static final long BLOB = 32;

    private DataSizes() {
    }

    /** Rhai's array count of a value at top level (elements of arrays, bytes of BLOBs, recursively). */
    public static long arrays(Object v) {
        if (v instanceof RArray a) {
            a.ensureSizes();
            return a.size() + a.nArr;
        } else if (v instanceof RMap m) {
            m.ensureSizes();
            return m.nArr;
        } else if (v instanceof RBlob b) {
            return b.size;
        } else if (v instanceof SharedCell c && !(c.value instanceof SharedCell)) {
            return arrays(c.value);
        }
        return 0;
    }

    /** Rhai's map count of a value at top level (properties of maps, recursively). */
    public static long maps(Object v) {
        if (v instanceof RMap m) {
            m.ensureSizes();
            return m.size() + m.nMap;
        } else if (v instanceof RArray a) {
            a.ensureSizes();
            return a.nMap;
        } else if (v instanceof SharedCell c && !(c.value instanceof SharedCell)) {
            return maps(c.value);
        }
        return 0;
    }

    /** Rhai's string count of a value at top level (UTF-8 bytes of every string inside, recursively). */
    public static long strings(Object v) {
        if (v instanceof String s) {
            return utf8Length(s);
        } else if (v instanceof RArray a) {
            a.ensureSizes();
            return a.nStr;
        } else if (v instanceof RMap m) {
            m.ensureSizes();
            return m.nStr;
        } else if (v instanceof SharedCell c && !(c.value instanceof SharedCell)) {
            return strings(c.value);
        }
        return 0;
    }

    /** Estimated bytes a value holds (see the class comment for the model). */
    public static long memory(Object v) {
        if (v instanceof String s) {
            return STRING + s.length();
        } else if (v instanceof RArray a) {
            a.ensureSizes();
            return ARRAY + ARRAY_SLOT * a.size() + a.nMem;
        } else if (v instanceof RMap m) {
            m.ensureSizes();
            return MAP + m.nMem;
        } else if (v instanceof RBlob b) {
            return BLOB + b.size;
        } else if (v instanceof Long || v instanceof Double || v instanceof RChar || v instanceof Character) {
            return NUMBER;
        } else if (v == null || v instanceof Boolean || v == Unit.UNIT) {
            return 0;
        } else if (v instanceof StrBuf b) {
            return STRING + 2L * b.length();
        } else if (v instanceof SharedCell c) {
            return NUMBER + (c.value instanceof SharedCell ? 0 : memory(c.value));
        } else if (v instanceof RFnPtr p) {
            long n = ARRAY + ARRAY_SLOT * p.curried.length;
            for (Object o : p.curried) {
                n += memory(o);
            }
            return n;
        }
        return NUMBER;
    }

    /** UTF-8 length of a string, without encoding it. */
    public static long utf8Length(String s) {
        int n = s.length();
        long bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    // ---- element contributions, used by the containers' caches --------------------------------------------

    /** Array count an element adds to its holder beyond the holder's own 1 for it. */
    static long nestedArrays(Object e) {
        if (e instanceof RArray || e instanceof RMap) {
            return arrays(e);
        } else if (e instanceof RBlob b) {
            return 1L + b.size;
        }
        return 0;
    }

    /** Map count an element adds to its holder beyond the holder's own 1 for it. */
    static long nestedMaps(Object e) {
        return e instanceof RArray || e instanceof RMap ? maps(e) : 0;
    }

    /** String count an element adds to its holder. */
    static long nestedStrings(Object e) {
        if (e instanceof String s) {
            return utf8Length(s);
        }
        return e instanceof RArray || e instanceof RMap ? strings(e) : 0;
    }

    /**
     * Rhai's counts {array, map, string} of a value, taken again after dropping its own cache (nested containers
     * answer from theirs: walking them all could go as deep as the data nests). For a limit about to be reported:
     * a cache left out of date by a change the container could not see must not end a run.
     */
    public static long[] recount(Object v) {
        if (v instanceof RArray a) {
            a.invalidateSizes();
        } else if (v instanceof RMap m) {
            m.invalidateSizes();
        } else if (v instanceof SharedCell c && !(c.value instanceof SharedCell)) {
            return recount(c.value);
        }
        return new long[] {arrays(v), maps(v), strings(v)};
    }
}
