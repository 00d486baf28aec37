package io.picloud.rhai.impl.eval;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.RMap;
import io.picloud.rhai.impl.runtime.Unit;

public final class Try extends Node {
    final Node body;
    final int errSlot;
    final Node handler;

    public Try(int line, int col, Node body, int errSlot, Node handler) {
        super(line, col);
        this.body = body;
        this.errSlot = errSlot;
        this.handler = handler;
    }

    @Override
    public Object eval(Frame f) {
        int depth = f.ctx.callDepth;
        try {
            return body.eval(f);
        } catch (EvalError e) {
            if (!e.catchable()) {
                throw e;
            }
            f.ctx.callDepth = depth;
            if (errSlot >= 0) {
                f.slots[errSlot] = errorValue(e);
            }
            EvalError saved = f.ctx.caught;
            f.ctx.caught = e;
            try {
                // Rhai discards the catch block's value: the statement is () when it runs (eval/stmt.rs).
                handler.eval(f);
                return Unit.UNIT;
            } finally {
                f.ctx.caught = saved;
            }
        } catch (StackOverflowError so) {
            throw new EvalError(ErrorKind.STACK_OVERFLOW, "Stack overflow").at(line, col);
        }
    }

    /**
     * What {@code catch (err)} binds, as Rhai's {@code Stmt::TryCatch} builds it: the thrown value when the
     * innermost error is a {@code throw}; otherwise a map of the outermost error (an
     * {@code ErrorInFunctionCall} wrapper stays the wrapper): {@code error}, {@code message} (its display
     * without its own position: a wrapper's carries the inner errors with theirs and the call suffixes),
     * {@code line}/{@code position} when positioned, and the fields of {@code EvalAltResult::dump_fields}.
     */
    static Object errorValue(EvalError e) {
        EvalError root = e;
        while (root.inner != null && root.is(ErrorKind.IN_FUNCTION_CALL)) {
            root = root.inner;
        }
        if (root.is(ErrorKind.RUNTIME)) {
            return root.value == null ? Unit.UNIT : root.value;
        }
        RMap m = new RMap();
        m.put("error", e.kind);
        m.put("message", CatchFields.message(e));
        if (e.line > 0) {
            m.put("line", (long) e.line);
            m.put("position", (long) e.column);
        }
        CatchFields.fill(e, m);
        return m;
    }
}
