package io.picloud.api;

import java.util.List;

/**
 * Checks that a script compiles, without running it: what the control plane does before it stores a new version.
 * Offered by the manager (it needs no executor, so it works in a manager-only container).
 */
public interface ScriptCompiler {
    /** Empty when {@code source} compiles, else every error with its line and column. */
    List<ScriptProblem> check(String name, String source);

    /** The modules {@code source} imports by a literal name ({@code import "lib" as lib;}), in source order. */
    default List<ModuleImport> imports(String source) {
        return List.of();
    }

    /** One {@code import "name"}, at the position of the name. */
    record ModuleImport(String name, int line, int column) {
    }
}
