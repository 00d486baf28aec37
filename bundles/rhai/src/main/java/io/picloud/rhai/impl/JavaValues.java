package io.picloud.rhai.impl;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.FnPointer;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.RFnPtr;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.RTimestamp;
import io.picloud.rhai.impl.runtime.SharedCell;
import io.picloud.rhai.impl.runtime.Unit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversion between Rhai values and the Java mapping documented on {@link io.picloud.rhai.RhaiEngine}. */
public final class JavaValues {
    private static final long START_NANOS = System.nanoTime();
    private static final Instant START = Instant.now();

    private JavaValues() {
    }

    /**
     * Values nested deeper than this (arrays and maps inside one another) are refused when handed to the host:
     * the conversion recurses, and JSON writers refuse such depths anyway (Jackson: 1,000).
     */
    public static final int MAX_DEPTH = 512;

    /**
     * The Java form of a Rhai value.
     *
     * @throws EvalError {@code ErrorDataTooLarge} for a value nested deeper than {@link #MAX_DEPTH}
     */
    public static Object toJava(Object v) {
        return toJava(v, 0);
    }

    private static Object toJava(Object v, int depth) {
        if (v == Unit.UNIT || v == null) {
            return null;
        } else if (v instanceof SharedCell c) {
            return toJava(c.value, depth);
        } else if (v instanceof RArray a) {
            List<Object> l = new ArrayList<>(a.size());
            for (Object o : a) {
                l.add(toJava(o, deeper(depth)));
            }
            return l;
        } else if (v instanceof RMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            int next = deeper(depth);
            m.forEach((k, o) -> out.put(k, toJava(o, next)));
            return out;
        } else if (v instanceof RBlob b) {
            return b.toBytes();
        } else if (v instanceof RFnPtr p) {
            List<Object> cur = new ArrayList<>();
            for (Object o : p.curried) {
                cur.add(toJava(o, deeper(depth)));
            }
            return new FnPointer(p.name, cur);
        } else if (v instanceof RTimestamp t) {
            return START.plus(Duration.ofNanos(t.nanos() - START_NANOS));
        } else if (v instanceof io.picloud.rhai.impl.runtime.RChar r) {
            return r.toString(); // a Character cannot hold a code point above U+FFFF
        }
        return v;
    }

    private static int deeper(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new EvalError(ErrorKind.DATA_TOO_LARGE, "Value nested too deeply: more than " + MAX_DEPTH
                    + " arrays or maps inside one another");
        }
        return depth + 1;
    }

    public static Object fromJava(Object v) {
        if (v == null) {
            return Unit.UNIT;
        } else if (v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof String
                || v instanceof Character) {
            return v;
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        } else if (v instanceof Float f) {
            return f.doubleValue();
        } else if (v instanceof List<?> l) {
            RArray a = new RArray(l.size());
            for (Object o : l) {
                a.add(fromJava(o));
            }
            return a;
        } else if (v instanceof Map<?, ?> m) {
            RMap out = new RMap();
            m.forEach((k, o) -> out.put(String.valueOf(k), fromJava(o)));
            return out;
        } else if (v instanceof byte[] b) {
            return new RBlob(b.clone(), b.length);
        } else if (v instanceof FnPointer p) {
            Object[] cur = new Object[p.curried().size()];
            for (int i = 0; i < cur.length; i++) {
                cur[i] = fromJava(p.curried().get(i));
            }
            return new RFnPtr(p.name(), cur, null);
        } else if (v instanceof Instant i) {
            return new RTimestamp(START_NANOS + Duration.between(START, i).toNanos());
        } else if (v instanceof Unit) {
            return v;
        }
        return String.valueOf(v);
    }
}
