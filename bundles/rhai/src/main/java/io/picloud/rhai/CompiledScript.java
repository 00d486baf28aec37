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
}
