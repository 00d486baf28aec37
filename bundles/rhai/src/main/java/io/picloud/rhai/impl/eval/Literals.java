package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.Values;

/** Literal values: constants, array and map literals, interpolated strings. */
public final class Literals {
    private Literals() {
    }

    /** An immutable constant (numbers, strings, chars, bools, unit). */
    public static final class Const extends Node {
        public final Object value;

        public Const(int line, int col, Object value) {
            super(line, col);
            this.value = value;
        }

        @Override
        public Object eval(Frame f) {
            return value;
        }
    }

    public static final class ArrayLit extends Node {
        final Node[] items;

        public ArrayLit(int line, int col, Node[] items) {
            super(line, col);
            this.items = items;
        }

        @Override
        public Object eval(Frame f) {
            RArray a = new RArray(items.length);
            for (Node n : items) {
                a.add(n.eval(f));
            }
            f.ctx.checkValue(a);
            return a;
        }
    }

    public static final class MapLit extends Node {
        final String[] keys;
        final Node[] values;

        public MapLit(int line, int col, String[] keys, Node[] values) {
            super(line, col);
            this.keys = keys;
            this.values = values;
        }

        @Override
        public Object eval(Frame f) {
            RMap m = new RMap();
            for (int i = 0; i < keys.length; i++) {
                m.put(keys[i], values[i].eval(f));
            }
            f.ctx.checkValue(m);
            return m;
        }
    }

    /** A back-tick string with interpolations: parts are evaluated and converted with to_string. */
    public static final class Template extends Node {
        final Node[] parts;

        public Template(int line, int col, Node[] parts) {
            super(line, col);
            this.parts = parts;
        }

        @Override
        public Object eval(Frame f) {
            StringBuilder sb = new StringBuilder();
            for (Node p : parts) {
                Object v = p.evalRef(f);
                if (v instanceof String s) {
                    sb.append(s);
                } else {
                    Object s = f.ctx.callNative("to_string", new Object[] {v});
                    sb.append(s);
                }
            }
            String s = sb.toString();
            f.ctx.checkString(s);
            return s;
        }
    }

    /** A value that is evaluated only once and then treated as read-only (used for strings in loops). */
    static Object shareIfContainer(Object v) {
        Values.markShared(v);
        return v;
    }
}
