package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** {@code place op= value}. */
public final class CompoundAssign extends Node {
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
