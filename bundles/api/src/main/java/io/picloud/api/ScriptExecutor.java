package io.picloud.api;

import java.util.List;
import java.util.Map;

/**
 * Runs script versions in the Rhai sandbox. Compiled scripts are cached by {@link ScriptVersion#hash()}.
 * Thread-safe; never throws for script errors (they come back in the outcome).
 */
@org.osgi.annotation.versioning.ProviderType
public interface ScriptExecutor {
    /** Compiles without running: empty when the source is valid, else every error with its position. */
    List<ScriptProblem> check(String name, String source);

    /**
     * Runs {@code version}. When the script defines {@code entryFunction} with one parameter, calls it with
     * {@code input}; otherwise runs the top level with {@code input} bound as variable {@code inputName}.
     */
    ExecutionOutcome execute(ScriptVersion version, String entryFunction, String inputName, Map<String, Object> input);
}
