package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.SharedCell;
import io.picloud.rhai.impl.runtime.StrBuf;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** Variable access: frame slots, host/eval variables, {@code this}, global constants. */
public final class Vars {
    private Vars() {
    }

    /** A local variable in a frame slot. */
    public static final class Local extends Node implements Place {
        public final int slot;
        public final String name;
        public final boolean constant;

        public Local(int line, int col, int slot, String name, boolean constant) {
            super(line, col);
            this.slot = slot;
            this.name = name;
            this.constant = constant;
        }

        @Override
        public Object eval(Frame f) {
            Object v = f.slots[slot];
            if (v instanceof SharedCell c) {
                v = read(c);
            } else if (v instanceof StrBuf b) {
                return b.get();
            }
            if (v == null) {
                return Unit.UNIT;
            }
            Values.markShared(v);
            return v;
        }

        @Override
        public Object evalRef(Frame f) {
            Object v = f.slots[slot];
            if (v instanceof SharedCell c) {
                v = read(c);
            } else if (v instanceof StrBuf b) {
                return b.get();
            }
            return v == null ? Unit.UNIT : v;
        }

        /** A captured variable's value; refused while a method call on that variable runs. */
        private Object read(SharedCell c) {
            if (c.locked) {
                throw err(ErrorKind.DATA_RACE, "Data race detected on variable '" + name + "'");
            }
            return c.value;
        }

        @Override
        public SharedCell sharedRoot(Frame f) {
            return f.slots[slot] instanceof SharedCell c ? c : null;
        }

        /** {@code s += x} on a string variable: append in place. Returns false when not applicable. */
        boolean appendString(Frame f, Object rhs, Context ctx) {
            Object cur = f.slots[slot];
            StrBuf b;
            if (cur instanceof StrBuf sb) {
                b = sb;
            } else if (cur instanceof String s) {
                b = new StrBuf(s);
            } else {
                return false;
            }
            String add;
            if (rhs instanceof String s) {
                add = s;
            } else if (rhs instanceof Long || rhs instanceof Double || rhs instanceof Boolean
                    || rhs instanceof Character || rhs instanceof io.picloud.rhai.impl.runtime.RChar) {
                add = Values.toStr(rhs);
            } else if (rhs == Unit.UNIT) {
                add = "";
            } else {
                return false;
            }
            b.append(add);
            f.slots[slot] = b;
            int max = ctx.limits.maxStringSize();
            if (max > 0 && b.length() > max / 3) {
                ctx.checkString(b.get());
            }
            if (ctx.memory.on) {
                ctx.memory.checkValue(b);
            }
            return true;
        }

        @Override
        public Object get(Frame f) {
            return evalRef(f);
        }

        @Override
        public void set(Frame f, Object v) {
            Object cur = f.slots[slot];
            if (cur instanceof SharedCell c) {
                read(c);
                c.value = v;
            } else {
                f.slots[slot] = v;
            }
        }

        @Override
        public Object getMut(Frame f) {
            Object cur = f.slots[slot];
            if (cur instanceof StrBuf b) {
                return b.get();
            }
            if (cur instanceof SharedCell c) {
                Object o = Place.own(read(c));
                c.value = o;
                return o;
            }
            Object o = Place.own(cur);
            if (o != cur) {
                f.slots[slot] = o;
            }
            return o == null ? Unit.UNIT : o;
        }

        @Override
        public boolean isConstant(Frame f) {
            return constant;
        }
    }

    /** A variable not known at compile time: host-provided or defined by eval. */
    public static final class Dyn extends Node implements Place {
        public final String name;

        public Dyn(int line, int col, String name) {
            super(line, col);
            this.name = name;
        }

        @Override
        public Object eval(Frame f) {
            Object v = evalRef(f);
            Values.markShared(v);
            return v;
        }

        @Override
        public Object evalRef(Frame f) {
            Context ctx = f.ctx;
            if (ctx.bangNames != null) {
                Integer s = ctx.bangNames.get(name);
                if (s != null) {
                    Object b = Values.unshare(ctx.bangFrame.slots[s]);
                    return b == null ? Unit.UNIT : b;
                }
            }
            Object v = f.ctx.dynVars.get(name);
            if (v == null) {
                if (f.ctx.unit.hasFunctionNamed(name)) {
                    return new io.picloud.rhai.impl.runtime.RFnPtr(name, new Object[0], null);
                }
                throw err(ErrorKind.VARIABLE_NOT_FOUND, "Variable not found: " + name);
            }
            return v instanceof SharedCell c ? c.value : v;
        }

        @Override
        public Object get(Frame f) {
            return evalRef(f);
        }

        @Override
        public void set(Frame f, Object v) {
            Context ctx = f.ctx;
            if (ctx.bangNames != null) {
                Integer s = ctx.bangNames.get(name);
                if (s != null) {
                    if (ctx.bangFrame.slots[s] instanceof SharedCell c) {
                        c.value = v;
                    } else {
                        ctx.bangFrame.slots[s] = v;
                    }
                    return;
                }
            }
            Object cur = f.ctx.dynVars.get(name);
            if (cur == null) {
                throw err(ErrorKind.VARIABLE_NOT_FOUND, "Variable not found: " + name);
            }
            if (cur instanceof SharedCell c) {
                c.value = v;
            } else {
                f.ctx.dynVars.put(name, v);
            }
        }

        @Override
        public Object getMut(Frame f) {
            Object o = Place.own(evalRef(f));
            set(f, o);
            return o;
        }

        @Override
        public boolean isConstant(Frame f) {
            return false;
        }
    }

    /** {@code this} inside a function. */
    public static final class This extends Node implements Place {
        public This(int line, int col) {
            super(line, col);
        }

        @Override
        public Object eval(Frame f) {
            Object v = evalRef(f);
            Values.markShared(v);
            return v;
        }

        @Override
        public Object evalRef(Frame f) {
            if (f.thisValue == null) {
                throw err(ErrorKind.UNBOUND_THIS, "'this' not bound");
            }
            return f.thisValue;
        }

        @Override
        public Object get(Frame f) {
            return evalRef(f);
        }

        @Override
        public void set(Frame f, Object v) {
            evalRef(f);
            f.thisValue = v;
        }

        @Override
        public Object getMut(Frame f) {
            Object o = Place.own(evalRef(f));
            f.thisValue = o;
            return o;
        }

        @Override
        public boolean isConstant(Frame f) {
            return false;
        }
    }

    /** {@code global::NAME}: a constant of the global script. */
    public static final class GlobalConst extends Node {
        final String name;

        public GlobalConst(int line, int col, String name) {
            super(line, col);
            this.name = name;
        }

        @Override
        public Object eval(Frame f) {
            Object v = f.ctx.globalConstants.get(name);
            if (v == null) {
                throw err(ErrorKind.VARIABLE_NOT_FOUND, "Variable not found: global::" + name);
            }
            Values.markShared(v);
            return v;
        }
    }

    /** {@code let x = e;} / {@code const X = e;} */
    public static final class Let extends Node {
        final int slot;
        final Node init;
        final String globalConstName;
        final int varCount;

        public Let(int line, int col, int slot, Node init, String globalConstName, int varCount) {
            super(line, col);
            this.slot = slot;
            this.init = init;
            this.globalConstName = globalConstName;
            this.varCount = varCount;
        }

        @Override
        public Object eval(Frame f) {
            Object v = init == null ? Unit.UNIT : init.eval(f);
            int max = f.ctx.limits.maxVariables();
            if (max > 0 && varCount > max) {
                throw err(ErrorKind.TOO_MANY_VARIABLES, "Too many variables");
            }
            f.slots[slot] = v;
            if (globalConstName != null) {
                f.ctx.globalConstants.put(globalConstName, v);
            }
            return Unit.UNIT;
        }
    }

    /** {@code place = value}. */
    public static final class Assign extends Node {
        final Place target;
        final Node value;

        public Assign(int line, int col, Place target, Node value) {
            super(line, col);
            this.target = target;
            this.value = value;
        }

        @Override
        public Object eval(Frame f) {
            Object v = value.eval(f);
            if (!(target instanceof Local) && target.isConstant(f)) {
                throw err(ErrorKind.ASSIGNMENT_TO_CONSTANT, "Cannot modify a constant");
            }
            try {
                target.set(f, v);
            } catch (EvalError e) {
                throw err(e);
            }
            return Unit.UNIT;
        }
    }

    /** {@code place op= value}. */
    public static final class CompoundAssign extends Node {
        final Place target;
        final String op;
        final Node value;
        final boolean appendable;
        final Local local;
        final int fastOp;

        public CompoundAssign(int line, int col, Place target, String op, Node value) {
            super(line, col);
            this.target = target;
            this.op = op;
            this.value = value;
            this.appendable = op.equals("+") && target instanceof Local;
            this.local = target instanceof Local l && !l.constant ? l : null;
            this.fastOp = op.equals("+") ? 1 : op.equals("-") ? 2 : 0;
        }

        @Override
        public Object eval(Frame f) {
            Object rhs = value.eval(f);
            if (target.isConstant(f)) {
                throw err(ErrorKind.ASSIGNMENT_TO_CONSTANT, "Cannot modify a constant");
            }
            if (local != null) {
                Object cur = f.slots[local.slot];
                if (cur instanceof Long x && rhs instanceof Long y && fastOp != 0) {
                    long r = fastOp == 1 ? x + y : x - y;
                    if (fastOp == 1 ? ((x ^ r) & (y ^ r)) >= 0 : ((x ^ y) & (x ^ r)) >= 0) {
                        f.slots[local.slot] = r;
                        return Unit.UNIT;
                    }
                } else if (cur instanceof Double x && fastOp != 0 && (rhs instanceof Double || rhs instanceof Long)) {
                    double y = rhs instanceof Double d ? d : (double) (Long) rhs;
                    f.slots[local.slot] = fastOp == 1 ? x + y : x - y;
                    return Unit.UNIT;
                }
            }
            if (appendable && ((Local) target).appendString(f, rhs, f.ctx)) {
                return Unit.UNIT;
            }
            try {
                Object cur = target.getMut(f);
                Object result;
                if (op.equals("+") && cur instanceof io.picloud.rhai.impl.runtime.RArray a) {
                    if (rhs instanceof io.picloud.rhai.impl.runtime.RArray b) {
                        for (Object o : b) {
                            Values.markShared(o);
                        }
                        a.addAll(b);
                    } else {
                        a.add(rhs);
                    }
                    f.ctx.checkArray(a);
                    return Unit.UNIT;
                } else if (op.equals("+") && cur instanceof io.picloud.rhai.impl.runtime.RMap m
                        && rhs instanceof io.picloud.rhai.impl.runtime.RMap b) {
                    for (Object o : b.values()) {
                        Values.markShared(o);
                    }
                    m.putAll(b);
                    f.ctx.checkMap(m);
                    return Unit.UNIT;
                } else if (op.equals("+") && cur instanceof io.picloud.rhai.impl.runtime.RBlob bl) {
                    Calls.blobAppend(bl, rhs);
                    f.ctx.checkBlob(bl);
                    return Unit.UNIT;
                }
                result = Ops.binary(op, cur, rhs);
                target.set(f, result);
                if (result instanceof String s) {
                    f.ctx.checkString(s);
                }
            } catch (EvalError e) {
                throw err(e);
            }
            return Unit.UNIT;
        }
    }
}
