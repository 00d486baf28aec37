package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.RMap;

/** Recursive element counts used by the data-size limits (as Rhai counts them). */
final class Sizes {
    private Sizes() {
    }

    /** Array elements (and blob bytes), counted recursively through nested arrays and maps. */
    static long arrayCount(Object v) {
        long n = 0;
        if (v instanceof RArray a) {
            n += a.size();
            for (Object o : a) {
                if (o instanceof RArray || o instanceof RMap || o instanceof RBlob) {
                    n += arrayCount(o);
                }
            }
        } else if (v instanceof RMap m) {
            for (Object o : m.values()) {
                if (o instanceof RArray || o instanceof RMap || o instanceof RBlob) {
                    n += arrayCount(o);
                }
            }
        } else if (v instanceof RBlob b) {
            n += b.size;
        }
        return n;
    }

    /** Map properties, counted recursively through nested maps and arrays. */
    static long mapCount(Object v) {
        long n = 0;
        if (v instanceof RMap m) {
            n += m.size();
            for (Object o : m.values()) {
                if (o instanceof RArray || o instanceof RMap) {
                    n += mapCount(o);
                }
            }
        } else if (v instanceof RArray a) {
            for (Object o : a) {
                if (o instanceof RArray || o instanceof RMap) {
                    n += mapCount(o);
                }
            }
        }
        return n;
    }
}
