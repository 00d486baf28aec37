package io.picloud.rhai.impl.packages;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.RFnPtr;
import io.picloud.rhai.impl.runtime.Values;

/** Calling function-pointer (or function-name) arguments of higher-order functions. */
final class Callbacks {
    private Callbacks() {
    }

    static boolean isFn(Object o) {
        return o instanceof RFnPtr || o instanceof String;
    }

    /** Calls {@code fn(x)} or {@code fn(x, index)} depending on the function's arity. */
    static Object callWithIndex(CallContext c, Object fn, Object x, long index) {
        c.tick();
        Values.markShared(x);
        int arity = c.fnArity(fn);
        if (arity == 2) {
            return c.callFn(fn, x, index);
        }
        if (arity == 0) {
            return c.callFnThis(fn, x);
        }
        return c.callFn(fn, x);
    }

    static boolean test(CallContext c, Object fn, Object x, long index) {
        Object r = callWithIndex(c, fn, x, index);
        if (r instanceof Boolean b) {
            return b;
        }
        throw EvalError.mismatch(Values.typeName(r), "bool");
    }
}
