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

    /**
     * As {@link #execute(ScriptVersion, String, String, Map)}, for a run started by another run ({@code emit},
     * {@code invoke}) {@code depth} steps down a chain; host functions see it ({@link HostPackage.Call#depth()}).
     */
    default ExecutionOutcome execute(ScriptVersion version, String entryFunction, String inputName,
                                     Map<String, Object> input, int depth) {
        return execute(version, entryFunction, inputName, input);
    }

    /**
     * Runs {@code version} as {@link #execute} does, but only if the run is sure to be short and to touch nothing
     * outside the script, so that it may run on a thread that must not be held up (an HTTP server's I/O thread):
     * the script is compiled already and its runs so far stayed within a small operation budget and called no host
     * function. Null when not, with no effect anywhere: run it with {@link #execute} on a thread that may block.
     * A run that turns out to need more is abandoned and the script is not run inline again.
     */
    default ExecutionOutcome executeInline(ScriptVersion version, String entryFunction, String inputName,
                                           Map<String, Object> input) {
        return null;
    }

    /**
     * Whether {@link #executeInline} would run {@code version} now: compiled here, no call of a blocking native
     * ({@code sleep}) or host function found in its source, and its inline runs so far short. Cheap, never
     * compiles.
     *
     * @since 0.7
     */
    default boolean mayRunInline(ScriptVersion version) {
        return false;
    }
}
