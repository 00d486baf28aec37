package io.picloud.rhai.impl.runtime;

/**
 * A function pointer: the function's name, its curried arguments and, for closures, the compiled function
 * itself (an opaque object owned by the evaluator).
 */
public final class RFnPtr {
    public final String name;
    public final Object[] curried;
    public final Object fn;

    public RFnPtr(String name, Object[] curried, Object fn) {
        this.name = name;
        this.curried = curried;
        this.fn = fn;
    }

    public boolean isAnonymous() {
        return name.startsWith("anon$");
    }

    @Override
    public String toString() {
        return "Fn(" + name + ")";
    }
}
