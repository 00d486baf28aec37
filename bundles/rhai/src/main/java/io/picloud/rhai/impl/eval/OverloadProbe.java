package io.picloud.rhai.impl.eval;

import io.picloud.rhai.impl.runtime.CallContext;
import io.picloud.rhai.impl.runtime.EvalError;
import io.picloud.rhai.impl.runtime.NativeFn;
import io.picloud.rhai.impl.runtime.RArray;
import io.picloud.rhai.impl.runtime.RBlob;
import io.picloud.rhai.impl.runtime.RMap;

/**
 * Tells whether a mutating native would take these arguments, without letting it change anything: Rhai picks
 * the overload by argument types first and only then refuses a non-pure one on a constant receiver. Our natives
 * check their types inside the call (returning {@link NativeFn#NO_MATCH}), so the overload is probed on a copy
 * of the receiver, with a context that stops at the first call back into the script (a native that gets that
 * far has accepted its arguments, and the script must not run for a call that fails).
 */
final class OverloadProbe implements CallContext {
    /** Thrown at the first call back into the script; stackless, never escapes {@link #accepts}. */
    private static final class Accepted extends RuntimeException {
        static final Accepted INSTANCE = new Accepted();

        private Accepted() {
            super(null, null, false, false);
        }
    }

    private final CallContext ctx;

    private OverloadProbe(CallContext ctx) {
        this.ctx = ctx;
    }

    /** True when {@code fn} accepts {@code av} (its receiver {@code av[0]} is left untouched). */
    static boolean accepts(CallContext ctx, NativeFn fn, Object[] av) {
        Object[] copy = av.clone();
        copy[0] = copyOf(av[0]);
        try {
            return fn.call(new OverloadProbe(ctx), copy) != NativeFn.NO_MATCH;
        } catch (Accepted | EvalError e) {
            // an error after the type check (bad index, limit) still means this overload was chosen
            return true;
        }
    }

    private static Object copyOf(Object v) {
        if (v instanceof RArray a) {
            return a.cow();
        } else if (v instanceof RMap m) {
            return m.cow();
        } else if (v instanceof RBlob b) {
            return b.cow();
        }
        return v;
    }

    @Override
    public Object callFn(Object fnPtrOrName, Object... args) {
        throw Accepted.INSTANCE;
    }

    @Override
    public Object callFnThis(Object fnPtrOrName, Object thisValue, Object... args) {
        throw Accepted.INSTANCE;
    }

    @Override
    public Object lastThis() {
        throw Accepted.INSTANCE;
    }

    @Override
    public int fnArity(Object fnPtrOrName) {
        return ctx.fnArity(fnPtrOrName);
    }

    @Override
    public void checkString(String s) {
    }

    @Override
    public void checkArray(RArray a) {
    }

    @Override
    public void checkMap(RMap m) {
    }

    @Override
    public void checkBlob(RBlob b) {
    }

    @Override
    public void print(String line) {
        throw Accepted.INSTANCE;
    }

    @Override
    public Object hostData() {
        return ctx.hostData();
    }

    @Override
    public String scriptName() {
        return ctx.scriptName();
    }

    @Override
    public void tick() {
    }

    @Override
    public void beforeBlocking(String function) {
        throw Accepted.INSTANCE; // it got that far with these arguments: it takes them
    }
}
