package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.eval.Context;
import io.picloud.rhai.impl.eval.Signals;
import io.picloud.rhai.impl.runtime.CallContext;
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
        t.fn("print", 1, KeywordFunctions::print);
        t.fn("print", 0, KeywordFunctions::printEmpty);
        t.fn("debug", 1, KeywordFunctions::debug);
        t.fn("type_of", 1, (c, a) -> Values.typeName(a[0]));
        t.fn("to_string", 1, (c, a) -> Values.toStr(a[0]));
        t.fn("to_debug", 1, (c, a) -> Values.toDebugFn(a[0]));
        t.fn("Fn", 1, KeywordFunctions::fn);
        t.fn("is_def_fn", 2, KeywordFunctions::isDefFn);
        t.fn("exit", 0, KeywordFunctions::exit);
        t.fn("exit", 1, KeywordFunctions::exit);
    }

    /** {@code print(value)}: the value's display form, one line of output. */
    static Object print(CallContext c, Object[] a) {
        c.print(Values.toStr(a[0]));
        return Unit.UNIT;
    }

    /** {@code print()}: an empty line. */
    static Object printEmpty(CallContext c, Object[] a) {
        c.print("");
        return Unit.UNIT;
    }

    /** {@code debug(value)}: the value's debug form, one line of output. */
    static Object debug(CallContext c, Object[] a) {
        c.print(Values.toDebugFn(a[0]));
        return Unit.UNIT;
    }

    /** {@code Fn(name)}: a pointer to a function by name; the name must be a valid identifier. */
    static Object fn(CallContext c, Object[] a) {
        if (!(a[0] instanceof String s)) {
            throw EvalError.mismatch(Values.typeName(a[0]), "string");
        }
        if (!s.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            throw EvalError.fnNotFound(s);
        }
        return new RFnPtr(s, new Object[0], null);
    }

    /** {@code is_def_fn(name, arity)}: whether the script defines that function. */
    static Object isDefFn(CallContext c, Object[] a) {
        if (a[0] instanceof String s && a[1] instanceof Long n) {
            return ((Context) c).unit.function(s, (int) (long) n) != null;
        }
        return Args.NO;
    }

    /** {@code exit()} / {@code exit(value)}: ends the script with the value (or {@code ()}). */
    static Object exit(CallContext c, Object[] a) {
        throw new Signals.Exit(a.length == 0 ? Unit.UNIT : a[0]);
    }
}
