package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.eval.Context;
import io.picloud.rhai.impl.eval.Signals;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.FunctionTable;
import io.picloud.rhai.impl.runtime.RFnPtr;
import io.picloud.rhai.impl.runtime.Unit;
import io.picloud.rhai.impl.runtime.Values;

/** {@code print debug type_of Fn is_def_fn exit} and display conversions (present even in a raw engine). */
final class KeywordFunctions {
    private KeywordFunctions() {
    }

    static void register(FunctionTable t) {
        t.fn("print", 1, (c, a) -> {
            c.print(Values.toStr(a[0]));
            return Unit.UNIT;
        });
        t.fn("print", 0, (c, a) -> {
            c.print("");
            return Unit.UNIT;
        });
        t.fn("debug", 1, (c, a) -> {
            c.print(Values.toDebugFn(a[0]));
            return Unit.UNIT;
        });
        t.fn("type_of", 1, (c, a) -> Values.typeName(a[0]));
        t.fn("to_string", 1, (c, a) -> Values.toStr(a[0]));
        t.fn("to_debug", 1, (c, a) -> Values.toDebugFn(a[0]));
        t.fn("Fn", 1, (c, a) -> {
            if (!(a[0] instanceof String s)) {
                throw EvalError.mismatch(Values.typeName(a[0]), "string");
            }
            if (!s.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
                throw EvalError.fnNotFound(s);
            }
            return new RFnPtr(s, new Object[0], null);
        });
        t.fn("is_def_fn", 2, (c, a) -> {
            if (a[0] instanceof String s && a[1] instanceof Long n) {
                return ((Context) c).unit.function(s, (int) (long) n) != null;
            }
            return Args.NO;
        });
        t.fn("exit", 0, (c, a) -> {
            throw new Signals.Exit(Unit.UNIT);
        });
        t.fn("exit", 1, (c, a) -> {
            throw new Signals.Exit(a[0]);
        });
    }
}
