package io.picloud.rhai.impl.runtime;

/**
 * A built-in (or host) function. It checks its argument types itself and returns {@link #NO_MATCH} when they
 * do not fit, so several implementations may share one name and arity. A function registered as mutating
 * receives its first argument by reference: it may mutate a container in place, or replace {@code args[0]}
 * (strings, numbers) and the caller writes it back.
 */
@FunctionalInterface
public interface NativeFn {
    Object NO_MATCH = new Object() {
        @Override
        public String toString() {
            return "<no match>";
        }
    };

    Object call(CallContext ctx, Object[] args);
}
