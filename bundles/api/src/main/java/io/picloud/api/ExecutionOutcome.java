package io.picloud.api;

import java.util.List;

/**
 * Result of one script run.
 *
 * @param value    the script's value in the Java mapping of the Rhai engine, when {@code problem} is null
 * @param problem  the error, or null on success
 * @param limitHit true when {@code problem} is a sandbox limit rather than a script bug
 */
public record ExecutionOutcome(Object value, ScriptProblem problem, boolean limitHit, List<String> output,
                               long operations, long durationMicros) {
    public boolean succeeded() {
        return problem == null;
    }
}
