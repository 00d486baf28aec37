package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.RFnPtr;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.SharedCell;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;

/**
 * Rhai's BasicMapPackage (map_basic.rs). Property names are strings (a char is not accepted, as in Rhai).
 * {@code map}/{@code filter}/{@code drain}/{@code retain} take a function pointer (not a name: Rhai has no
 * by-name overloads for maps) and call it with (key, value), or with the value bound to {@code this} and the
 * key as the only argument.
 */
final class BasicMapPackage {
    private BasicMapPackage() {
    }

    static Object or(Object v) {
        return v == null ? Unit.UNIT : v;
    }

    static Object callOn(CallContext c, String caller, ArrayFnCalls.Mode m, Object fn, String key, Object value) {
        return ArrayFnCalls.call(c, caller, m, fn, value, new Object[] {key}, null, 1);
    }

    static ArrayFnCalls.Mode mode(CallContext c, Object fn) {
        return ArrayFnCalls.mode(c, fn, 1, false, 1);
    }

    static void register(FunctionTable t) {
        t.fn("len", 1, (c, a) -> a[0] instanceof RMap m ? (Object) (long) m.size() : Args.NO);
        t.fn("is_empty", 1, (c, a) -> a[0] instanceof RMap m ? (Object) m.isEmpty() : Args.NO);
        t.fn("contains", 2, (c, a) -> a[0] instanceof RMap m && a[1] instanceof String k
                ? (Object) m.containsKey(k) : Args.NO);
        t.fn("get", 2, BasicMapPackage::get);
        t.mut("set", 3, BasicMapPackage::set);
        t.mut("remove", 2, (c, a) -> a[0] instanceof RMap m && a[1] instanceof String k
                ? or(m.remove(k)) : Args.NO);
        t.mut("clear", 1, BasicMapPackage::clear);
        t.fn("keys", 1, (c, a) -> a[0] instanceof RMap m ? (Object) new RArray(m.keySet()) : Args.NO);
        t.fn("values", 1, (c, a) -> a[0] instanceof RMap m
                ? (Object) BasicArrayPackage.copyOf(new RArray(m.values())) : Args.NO);
        t.mut("mixin", 2, BasicMapPackage::mixin);
        t.mut("fill_with", 2, BasicMapPackage::fillWith);
        t.fn("map", 2, BasicMapPackage::map);
        t.fn("filter", 2, BasicMapPackage::filter);
        t.mut("drain", 2, (c, a) -> a[0] instanceof RMap m && a[1] instanceof RFnPtr
                ? (Object) partition(c, m, a[1], true) : Args.NO);
        t.mut("retain", 2, (c, a) -> a[0] instanceof RMap m && a[1] instanceof RFnPtr
                ? (Object) partition(c, m, a[1], false) : Args.NO);
        t.fn("to_json", 1, (c, a) -> a[0] instanceof RMap m ? (Object) toJson(m) : Args.NO);
    }

    /** {@code get(map, name)}: the property's value, or {@code ()}. */
    static Object get(CallContext c, Object[] a) {
        if (a[0] instanceof RMap m && a[1] instanceof String k) {
            Object v = m.get(k);
            Values.markShared(v);
            return or(v);
        }
        return Args.NO;
    }

    /** {@code set(map, name, value)}: adds or replaces the property. */
    static Object set(CallContext c, Object[] a) {
        if (a[0] instanceof RMap m && a[1] instanceof String k) {
            m.put(k, a[2]);
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code clear(map)}. */
    static Object clear(CallContext c, Object[] a) {
        if (a[0] instanceof RMap m) {
            m.clear();
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code mixin(map, other)}: copies every property of the other map, replacing existing ones. */
    static Object mixin(CallContext c, Object[] a) {
        if (a[0] instanceof RMap m && a[1] instanceof RMap o) {
            o.forEach((k, v) -> {
                Values.markShared(v);
                m.put(k, v);
            });
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code fill_with(map, other)}: copies the properties of the other map that this one lacks. */
    static Object fillWith(CallContext c, Object[] a) {
        if (a[0] instanceof RMap m && a[1] instanceof RMap o) {
            o.forEach((k, v) -> {
                Values.markShared(v);
                m.putIfAbsent(k, v);
            });
            return Unit.UNIT;
        }
        return Args.NO;
    }

    /** {@code map(map, fn)}: a new map of the function's results, key by key. */
    static Object map(CallContext c, Object[] a) {
        if (!(a[0] instanceof RMap m) || !(a[1] instanceof RFnPtr)) {
            return Args.NO;
        }
        RMap out = new RMap();
        ArrayFnCalls.Mode m2 = mode(c, a[1]);
        try {
            for (Map.Entry<String, Object> e : m.entrySet()) {
                Values.markShared(e.getValue());
                // Rhai's map_basic.rs names the caller "filter" here (its error says "in call to function 'filter'")
                out.put(e.getKey(), callOn(c, "filter", m2, a[1], e.getKey(), e.getValue()));
            }
        } catch (ConcurrentModificationException e) {
            throw dataRace();
        }
        return out;
    }

    /** {@code filter(map, fn)}: a new map of the properties the predicate selects. */
    static Object filter(CallContext c, Object[] a) {
        if (!(a[0] instanceof RMap m) || !(a[1] instanceof RFnPtr)) {
            return Args.NO;
        }
        RMap out = new RMap();
        ArrayFnCalls.Mode m2 = mode(c, a[1]);
        try {
            for (Map.Entry<String, Object> e : m.entrySet()) {
                Values.markShared(e.getValue());
                if (Boolean.TRUE.equals(callOn(c, "filter", m2, a[1], e.getKey(), e.getValue()))) {
                    out.put(e.getKey(), e.getValue());
                }
            }
        } catch (ConcurrentModificationException e) {
            throw dataRace();
        }
        return out;
    }

    /** Moves out the entries the predicate selects (drain) or does not select (retain). */
    static RMap partition(CallContext c, RMap m, Object fn, boolean removeMatches) {
        RMap removed = new RMap();
        ArrayFnCalls.Mode m2 = mode(c, fn);
        try {
            partition(c, m, fn, removeMatches, m2, removed);
        } catch (ConcurrentModificationException e) {
            throw dataRace();
        }
        return removed;
    }

    private static void partition(CallContext c, RMap m, Object fn, boolean removeMatches, ArrayFnCalls.Mode m2,
            RMap removed) {
        m.invalidateSizes(); // values are replaced through their entries
        Iterator<Map.Entry<String, Object>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Object> e = it.next();
            boolean hit = Boolean.TRUE.equals(callOn(c, removeMatches ? "drain" : "retain", m2, fn, e.getKey(),
                    e.getValue()));
            Object now = ArrayFnCalls.after(c, m2, e.getValue());
            if (now != e.getValue()) {
                e.setValue(now);
            }
            if (hit == removeMatches) {
                removed.put(e.getKey(), e.getValue());
                it.remove();
            }
        }
        m.invalidateSizes();
    }

    static EvalError dataRace() {
        return new EvalError(ErrorKind.DATA_RACE, "Data race detected when accessing the map being iterated");
    }

    /** Rhai's format_map_as_json: JSON-ish, with Rust debug formatting for anything that is not JSON. */
    static String toJson(RMap m) {
        StringBuilder sb = new StringBuilder();
        writeMap(sb, m);
        return sb.toString();
    }

    private static void writeMap(StringBuilder sb, RMap m) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append(Values.toDebug(e.getKey())).append(':');
            writeValue(sb, e.getValue());
        }
        sb.append('}');
    }

    private static void writeValue(StringBuilder sb, Object v) {
        if (v instanceof SharedCell cell) {
            writeValue(sb, cell.value);
        } else if (v == Unit.UNIT || v == null) {
            sb.append("null");
        } else if (v instanceof RFnPtr p) {
            if (p.curried.length == 0) {
                sb.append(Values.toDebug(p.name));
            } else {
                sb.append('[').append(Values.toDebug(p.name));
                for (Object o : p.curried) {
                    sb.append(',');
                    writeValue(sb, o);
                }
                sb.append(']');
            }
        } else if (v instanceof RMap m) {
            writeMap(sb, m);
        } else if (v instanceof RArray a) {
            sb.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                writeValue(sb, a.get(i));
            }
            sb.append(']');
        } else if (v instanceof RBlob b) {
            sb.append('[');
            for (int i = 0; i < b.size; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(b.get(i));
            }
            sb.append(']');
        } else {
            sb.append(Values.toDebug(v));
        }
    }
}
