package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.NativeFn;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.RRange;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/**
 * What the access nodes ({@link Index}, {@link Prop}, {@link OptChain}) share: reading and writing indexes
 * ({@code a[i]}) and properties ({@code a.p}), the places a write goes to, and the optional-chain skip signal.
 */
public final class Access {
    private Access() {
    }

    static int arrayIndex(int len, long i) {
        long idx = i < 0 ? len + i : i;
        if (idx < 0 || idx >= len) {
            throw new EvalError(ErrorKind.ARRAY_BOUNDS, len == 0 ? "Array index " + i + " out of bounds: array is empty"
                    : "Array index " + i + " out of bounds: only " + len + (len == 1 ? " element" : " elements") + " in array");
        }
        return (int) idx;
    }

    static int bitIndex(long i) {
        long idx = i < 0 ? 64 + i : i;
        if (idx < 0 || idx >= 64) {
            throw new EvalError(ErrorKind.BIT_FIELD_BOUNDS, "Bit-field index " + i + " out of bounds: only 64 bits in bit-field");
        }
        return (int) idx;
    }

    /** Reads {@code c[idx]}. */
    public static Object index(Context ctx, Object c, Object idx) {
        if (c instanceof RArray a) {
            if (idx instanceof Long i) {
                return a.get(arrayIndex(a.size(), i));
            }
            throw EvalError.mismatch(Values.typeName(idx), "i64");
        }
        if (c instanceof RMap m) {
            if (idx instanceof String || Values.isChar(idx)) {
                Object v = m.get(idx.toString());
                if (v == null) {
                    if (ctx.rt.failOnInvalidProperty) {
                        throw new EvalError(ErrorKind.PROPERTY_NOT_FOUND, "Property not found: " + idx);
                    }
                    return Unit.UNIT;
                }
                return v;
            }
            throw EvalError.mismatch(Values.typeName(idx), "string");
        }
        if (c instanceof String s) {
            if (idx instanceof Long i) {
                int n = s.codePointCount(0, s.length());
                long k = i < 0 ? n + i : i;
                if (k < 0 || k >= n) {
                    throw new EvalError(ErrorKind.STRING_BOUNDS, "String index " + i + " out of bounds: only " + n
                            + " characters in string");
                }
                return Values.charOf(s.codePointAt(s.offsetByCodePoints(0, (int) k)));
            }
            if (idx instanceof RRange r) {
                return Strs.subRange(s, r);
            }
            throw EvalError.mismatch(Values.typeName(idx), "i64");
        }
        if (c instanceof Long n) {
            if (idx instanceof Long i) {
                return ((n >>> bitIndex(i)) & 1) == 1;
            }
            if (idx instanceof RRange r) {
                return Bits.getBits(n, r);
            }
            throw EvalError.mismatch(Values.typeName(idx), "i64");
        }
        if (c instanceof RBlob b) {
            if (idx instanceof Long i) {
                return (long) b.get(arrayIndex(b.size, i));
            }
            throw EvalError.mismatch(Values.typeName(idx), "i64");
        }
        throw new EvalError(ErrorKind.INDEXING_TYPE, "Indexing type incorrect: " + Values.typeName(c) + " ["
                + Values.typeName(idx) + "]");
    }

    /** Writes {@code c[idx] = v} into a mutable container; returns the new value of c for value types. */
    public static Object setIndex(Object c, Object idx, Object v) {
        if (c instanceof RArray a) {
            if (idx instanceof Long i) {
                a.set(arrayIndex(a.size(), i), v);
                return a;
            }
            throw EvalError.mismatch(Values.typeName(idx), "i64");
        }
        if (c instanceof RMap m) {
            if (idx instanceof String || Values.isChar(idx)) {
                m.put(idx.toString(), v);
                return m;
            }
            throw EvalError.mismatch(Values.typeName(idx), "string");
        }
        if (c instanceof String s) {
            if (idx instanceof RRange r) {
                if (!(v instanceof String || Values.isChar(v))) {
                    throw EvalError.mismatch(Values.typeName(v), "string");
                }
                int n = Strs.len(s);
                long[] se = Strs.bounds(n, r);
                return Strs.sub(s, 0, se[0]) + v + Strs.sub(s, se[1], n);
            }
            if (!(idx instanceof Long i)) {
                throw EvalError.mismatch(Values.typeName(idx), "i64");
            }
            if (!Values.isChar(v)) {
                throw EvalError.mismatch(Values.typeName(v), "char");
            }
            Object ch = v;
            int n = s.codePointCount(0, s.length());
            long k = i < 0 ? n + i : i;
            if (k < 0 || k >= n) {
                throw new EvalError(ErrorKind.STRING_BOUNDS, "String index " + i + " out of bounds: only " + n
                        + " characters in string");
            }
            int at = s.offsetByCodePoints(0, (int) k);
            int end = s.offsetByCodePoints(at, 1);
            return s.substring(0, at) + ch + s.substring(end);
        }
        if (c instanceof Long n) {
            if (idx instanceof Long i) {
                if (!(v instanceof Boolean b)) {
                    throw EvalError.mismatch(Values.typeName(v), "bool");
                }
                int bit = bitIndex(i);
                return b ? n | (1L << bit) : n & ~(1L << bit);
            }
            if (idx instanceof RRange r && v instanceof Long x) {
                return Bits.setBits(n, r, x);
            }
            throw EvalError.mismatch(Values.typeName(idx), "i64");
        }
        if (c instanceof RBlob b) {
            if (idx instanceof Long i && v instanceof Long x) {
                b.set(arrayIndex(b.size, i), x);
                return b;
            }
            throw EvalError.mismatch(Values.typeName(v), "i64");
        }
        throw new EvalError(ErrorKind.INDEXING_TYPE, "Indexing type incorrect: " + Values.typeName(c) + " ["
                + Values.typeName(idx) + "]");
    }

    /** Reads property {@code c.name}: map key, else a getter function. */
    public static Object prop(Context ctx, Object c, String name) {
        if (c instanceof RMap m) {
            Object v = m.get(name);
            if (v == null) {
                if (ctx.rt.failOnInvalidProperty) {
                    throw new EvalError(ErrorKind.PROPERTY_NOT_FOUND, "Property not found: " + name);
                }
                return Unit.UNIT;
            }
            return v;
        }
        FnDef sf = ctx.unit.function("get$" + name, 0);
        if (sf != null) {
            return ctx.callScript(sf, new Object[0], c);
        }
        FunctionTable.Entry[] es = ctx.rt.natives.lookup(name, 1);
        if (es != null) {
            for (FunctionTable.Entry e : es) {
                if (!e.mutating() || name.equals("tag")) {
                    Object r = e.fn().call(ctx, new Object[] {c});
                    if (r != NativeFn.NO_MATCH) {
                        return r;
                    }
                }
            }
        }
        throw new EvalError(ErrorKind.DOT_EXPR, "Unknown property '" + name + "' - a getter is not registered for type '"
                + Values.typeName(c) + "'");
    }

    /** Thrown by a chained optional link on (); caught by the {@link OptChain} around its chain. Stackless. */
    static final class Skip extends RuntimeException {
        private Skip() {
            super(null, null, false, false);
        }
    }

    static final Skip SKIP = new Skip();

    /** {@code base[idx]} as an assignable place. */
    /** A container whose element is about to change in place drops its cached sizes (see RArray). */
    static void invalidate(Object c) {
        if (c instanceof RArray a) {
            a.invalidateSizes();
        } else if (c instanceof RMap m) {
            m.invalidateSizes();
        }
    }

    public static final class IndexPlace implements Place {
        final Place base;
        final Node idx;

        public IndexPlace(Place base, Node idx) {
            this.base = base;
            this.idx = idx;
        }

        @Override
        public Object get(Frame f) {
            return index(f.ctx, base.get(f), idx.eval(f));
        }

        @Override
        public void set(Frame f, Object v) {
            Object i = idx.eval(f);
            Object c = base.getMut(f);
            Object r = setIndex(c, i, v);
            if (r != c) {
                base.set(f, r);
            } else {
                f.ctx.checkValue(c);
            }
        }

        @Override
        public Object getMut(Frame f) {
            Object i = idx.eval(f);
            Object c = base.getMut(f);
            invalidate(c);
            Object e = index(f.ctx, c, i);
            Object o = Place.own(e);
            if (o != e) {
                setIndex(c, i, o);
            }
            return o;
        }

        @Override
        public boolean isConstant(Frame f) {
            return base.isConstant(f);
        }

        @Override
        public io.picloud.rhai.impl.runtime.SharedCell sharedRoot(Frame f) {
            return base.sharedRoot(f);
        }
    }

    /** {@code base.name} as an assignable place. */
    public static final class PropPlace implements Place {
        final Place base;
        final String name;

        public PropPlace(Place base, String name) {
            this.base = base;
            this.name = name;
        }

        @Override
        public Object get(Frame f) {
            return prop(f.ctx, base.get(f), name);
        }

        @Override
        public void set(Frame f, Object v) {
            Object c = base.getMut(f);
            if (c instanceof RMap m) {
                m.put(name, v);
                f.ctx.checkValue(m);
                return;
            }
            if (name.equals("tag")) {
                return;
            }
            throw new EvalError(ErrorKind.DOT_EXPR, "Unknown property '" + name + "' - a setter is not registered for type '"
                    + Values.typeName(c) + "'");
        }

        @Override
        public Object getMut(Frame f) {
            Object c = base.getMut(f);
            if (c instanceof RMap m) {
                // the element is changed in place, where the map's cached sizes cannot see it
                m.invalidateSizes();
                Object e = m.get(name);
                if (e == null) {
                    throw new EvalError(ErrorKind.DOT_EXPR, "Unknown property '" + name + "'");
                }
                Object o = Place.own(e);
                if (o != e) {
                    m.put(name, o);
                }
                return o;
            }
            return prop(f.ctx, c, name);
        }

        @Override
        public boolean isConstant(Frame f) {
            return base.isConstant(f);
        }

        @Override
        public io.picloud.rhai.impl.runtime.SharedCell sharedRoot(Frame f) {
            return base.sharedRoot(f);
        }
    }
}
