package io.picloud.rhai.impl.packages;

import io.picloud.rhai.ErrorKind;
import io.picloud.rhai.impl.eval.Context;
import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.RFnPtr;

/**
 * Calls the function-pointer argument of a higher-order array/map function the way Rhai's
 * {@code FnPtr::call_raw_with_extra_args} does: the element is bound to {@code this} when the function takes
 * only the plain arguments, or passed as an extra first/second argument when it takes more; the index (for
 * arrays) is appended when the function wants it. Function names given as strings work like pointers (their
 * names checked as {@code Fn} checks them). Whatever fails in Rhai's fallback path comes out wrapped in an
 * {@code ErrorInFunctionCall} named after the calling native ({@link #call}).
 */
final class ArrayFnCalls {
    private ArrayFnCalls() {
    }

    static boolean isFn(Object o) {
        return o instanceof RFnPtr || o instanceof String;
    }

    static String name(Object fn) {
        return fn instanceof RFnPtr p ? p.name : String.valueOf(fn);
    }

    /** Whether an error says the function {@code fn} itself (with these arguments) does not exist. */
    static boolean notFound(EvalError e, Object fn) {
        EvalError x = e;
        if (x.is(ErrorKind.IN_FUNCTION_CALL) && x.inner != null) {
            x = x.inner;
        }
        return x.is(ErrorKind.FUNCTION_NOT_FOUND) && x.getMessage() != null
                && x.getMessage().startsWith("Function not found: " + name(fn) + " ");
    }

    /** How a function is called, decided once per higher-order call from its arity. */
    enum Mode { THIS, ITEM, ITEM_EXTRA, THIS_EXTRA, PROBE }

    /** The call shape for {@code fn}; a function name given as a string is checked first, as Rhai does. */
    static Mode mode(CallContext c, Object fn, int n, boolean hasExtra, int itemAt) {
        if (fn instanceof String s) {
            KeywordFunctions.checkFnName(s);
        }
        int p = c.fnArity(fn);
        if (p < 0) {
            return Mode.PROBE;
        }
        if (p == n) {
            return Mode.THIS;
        }
        if (itemAt >= 0 && p == n + 1) {
            return Mode.ITEM;
        }
        if (itemAt >= 0 && hasExtra && p == n + 2) {
            return Mode.ITEM_EXTRA;
        }
        if (hasExtra && p == n + 1) {
            return Mode.THIS_EXTRA;
        }
        return Mode.PROBE;
    }

    /**
     * {@code fn} applied to an element for the native {@code caller}: {@code args} are the plain arguments,
     * {@code extra} the optional one (the index), {@code itemAt} where the element goes when it is passed as an
     * argument (-1: only as {@code this}, like for_each). As Rhai's {@code _call_with_extra_args}: a closure
     * whose parameters fit a call shape is called directly; any other function goes through the fallback, whose
     * errors come out wrapped in {@code ErrorInFunctionCall(caller)}.
     */
    static Object call(CallContext c, String caller, Mode mode, Object fn, Object item, Object[] args, Object extra,
            int itemAt) {
        c.tick();
        if (!wraps(mode, fn)) {
            return direct(c, mode, fn, item, args, extra, itemAt);
        }
        try {
            return direct(c, mode, fn, item, args, extra, itemAt);
        } catch (EvalError e) {
            throw inCall(caller, e);
        }
    }

    /**
     * Whether errors are wrapped for the caller: Rhai calls a script function pointer (a closure, or a function
     * named without quotes) directly when its parameters fit, and everything else (a function name given as a
     * string, a native function, parameters that fit no shape) through the fallback. A pointer made by
     * {@code Fn("name")} looks the same as an unquoted name here and is called directly.
     */
    static boolean wraps(Mode mode, Object fn) {
        return mode == Mode.PROBE || fn instanceof String;
    }

    /** Rhai's {@code ErrorInFunctionCall(caller)} around a catchable error (limit errors stay as they are). */
    static EvalError inCall(String caller, EvalError e) {
        return e.catchable() ? EvalError.inNativeCall(caller, e) : e;
    }

    private static Object direct(CallContext c, Mode mode, Object fn, Object item, Object[] args, Object extra,
            int itemAt) {
        switch (mode) {
            case THIS:
                return c.callFnThis(fn, item, args);
            case ITEM:
                return args.length == 0 ? c.callFn(fn, item) : c.callFn(fn, insert(args, itemAt, item));
            case ITEM_EXTRA:
                return args.length == 0 ? c.callFn(fn, item, extra)
                        : c.callFn(fn, insert(append(args, extra), itemAt, item));
            case THIS_EXTRA:
                return c.callFnThis(fn, item, append(args, extra));
            default:
                return probe(c, fn, item, args, extra, itemAt);
        }
    }

    /**
     * The element after a call that bound it to {@code this} (the function may have changed it, as Rhai's
     * by-reference element allows); for other call shapes the element itself.
     */
    static Object after(CallContext c, Mode mode, Object item) {
        if (mode == Mode.THIS || mode == Mode.THIS_EXTRA) {
            Object now = c.lastThis();
            return now == null ? item : now;
        }
        return item;
    }

    /** Unknown arity (a native function name): try the call shapes in Rhai's order. */
    static Object probe(CallContext c, Object fn, Object item, Object[] args, Object extra, int itemAt) {
        try {
            return c.callFnThis(fn, item, args);
        } catch (EvalError e) {
            if (!notFound(e, fn)) {
                throw e;
            }
        }
        if (itemAt >= 0) {
            try {
                return c.callFn(fn, insert(args, itemAt, item));
            } catch (EvalError e) {
                if (!notFound(e, fn) || extra == null) {
                    throw e;
                }
            }
            return c.callFn(fn, insert(append(args, extra), itemAt, item));
        }
        return thisCall(c, fn, item, extra == null ? args : append(args, extra));
    }

    /**
     * A call with {@code this} bound, as the last fallback; a closure whose parameters do not fit fails with
     * the signature Rhai gives, which counts {@code this} as the first argument.
     */
    private static Object thisCall(CallContext c, Object fn, Object item, Object[] args) {
        try {
            return c.callFnThis(fn, item, args);
        } catch (EvalError e) {
            if (fn instanceof RFnPtr p && p.fn != null && notFound(e, fn)) {
                Object[] all = new Object[1 + p.curried.length + args.length];
                all[0] = item;
                System.arraycopy(p.curried, 0, all, 1, p.curried.length);
                System.arraycopy(args, 0, all, 1 + p.curried.length, args.length);
                throw EvalError.fnNotFound(Context.signature(p.name, all));
            }
            throw e;
        }
    }

    /** An element callback with the index as the optional extra argument (map, filter, some, all, ...). */
    static Object onItem(CallContext c, String caller, Mode mode, Object fn, Object item, long index) {
        return call(c, caller, mode, fn, item, NONE, mode == Mode.ITEM ? null : (Object) index, 0);
    }

    /** A predicate on an element: a non-bool result counts as false, as in Rhai. */
    static boolean test(CallContext c, String caller, Mode mode, Object fn, Object item, long index) {
        return Boolean.TRUE.equals(onItem(c, caller, mode, fn, item, index));
    }

    static final Object[] NONE = new Object[0];

    private static Object[] insert(Object[] args, int at, Object item) {
        Object[] out = new Object[args.length + 1];
        int k = Math.min(at, args.length);
        System.arraycopy(args, 0, out, 0, k);
        out[k] = item;
        System.arraycopy(args, k, out, k + 1, args.length - k);
        return out;
    }

    private static Object[] append(Object[] args, Object extra) {
        Object[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = extra;
        return out;
    }
}
