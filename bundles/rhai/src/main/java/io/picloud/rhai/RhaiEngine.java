package io.picloud.rhai;

import java.util.List;

/**
 * A configured Rhai engine: compiles sources and runs compiled scripts. Immutable and thread-safe once built;
 * build it with {@link #builder()}.
 *
 * <p>Java mapping of Rhai values (in and out): {@code INT} = {@link Long}, {@code FLOAT} = {@link Double},
 * {@code bool} = {@link Boolean}, {@code char} = {@link Character} (a {@link String} of one code point outside
 * the BMP), {@code string} = {@link String}, {@code array} = {@link java.util.List}, object map =
 * {@link java.util.Map} with String keys (insertion order kept), {@code blob} = {@code byte[]},
 * {@code ()} = {@code null}, timestamp = {@link java.time.Instant}, function pointer = {@link FnPointer}.
 * On input, {@link Integer}/{@link Short}/{@link Byte} become INT and {@link Float} becomes FLOAT.
 */
public interface RhaiEngine {

    /** Compiles a whole script. Reports every error found, not just the first. */
    CompiledScript compile(String name, String source) throws RhaiParseException;

    /** Compiles a single expression (no statements), like Rhai's {@code compile_expression}. */
    CompiledScript compileExpression(String name, String source) throws RhaiParseException;

    /** Runs the script's top-level statements and returns the value of the last one. */
    RunResult run(CompiledScript script, RunOptions options) throws RhaiRuntimeException;

    /**
     * Runs the script's top-level statements (to define globals/constants), then calls the script function
     * {@code function} with {@code arguments}. Fails with {@code ErrorFunctionNotFound} when it does not exist.
     */
    RunResult call(CompiledScript script, String function, List<Object> arguments, RunOptions options)
            throws RhaiRuntimeException;

    /** A builder with Rhai's {@code Engine::new()} settings and the standard library. */
    static RhaiEngineBuilder builder() {
        return new RhaiEngineBuilder();
    }

    /**
     * The names of this engine's built-in functions that may block their thread ({@code sleep}): they ask the
     * run's {@link RunOptions#blocking()} check before they wait. Compare with
     * {@link CompiledScript#calledFunctions()} to tell ahead of a run that it would wait.
     */
    default java.util.Set<String> blockingFunctions() {
        return java.util.Set.of();
    }

    /**
     * The {@code import "path"} statements of {@code source} whose path is a string literal, in source order, found
     * without compiling (a source that does not compile may give some). For checks at deploy time.
     */
    default java.util.List<StaticImport> staticImports(String source) {
        return java.util.List.of();
    }
}
