package io.picloud.rhai;

/**
 * An immutable compiled script (Rhai's {@code AST}). Safe to share between threads and to run many times
 * concurrently; holds no run state.
 */
public interface CompiledScript {
    /** The name given at compile time; used in error messages. */
    String name();

    /** True when the script defines a function with this name and number of parameters. */
    boolean hasFunction(String name, int arity);

    /**
     * The names of the functions this script calls by name anywhere in its source, its functions and closures
     * included: {@code f(x)} and {@code x.f()} as {@code f}, {@code ns::f(x)} as {@code ns::f}, and the literal
     * name of a function pointer {@code Fn("f")}. Functions reached otherwise (a pointer made from a computed
     * name, a name handed to a native as a string, {@code eval}, the code of an imported module) are not
     * included. For hosts deciding ahead of a run what it may call; the script's own functions may be among them.
     */
    default java.util.Set<String> calledFunctions() {
        return java.util.Set.of();
    }

    /**
     * The script's functions that run as JVM bytecode so far, as {@code name/arity} (see
     * {@link RhaiEngineBuilder#compileAfterCalls}); the others are interpreted. For diagnostics and tests.
     */
    default java.util.Set<String> compiledFunctions() {
        return java.util.Set.of();
    }
}
