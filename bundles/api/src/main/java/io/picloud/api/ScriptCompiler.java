package io.picloud.api;

import java.util.List;

/**
 * Checks that a script compiles, without running it: what the control plane does before it stores a new version.
 * Offered by the manager (it needs no executor, so it works in a manager-only container).
 */
public interface ScriptCompiler {
    /** Empty when {@code source} compiles, else every error with its line and column. */
    List<ScriptProblem> check(String name, String source);
}
