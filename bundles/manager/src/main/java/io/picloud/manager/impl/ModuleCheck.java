package io.picloud.manager.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.picloud.api.ProblemKinds;
import io.picloud.api.ScriptCompiler;
import io.picloud.api.ScriptCompiler.ModuleImport;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptVersion;

/**
 * What deploying a script that imports modules must not do: import a script that is not deployed, or close a
 * circle of imports (the new source counts instead of the script's active version). Each problem is at the import
 * in the new source that leads to it.
 */
final class ModuleCheck {
    /** Longest chain of imports followed; deeper chains are not checked further (the run-time limits still hold). */
    static final int MAX_DEPTH = 32;

    private ModuleCheck() {
    }

    static List<ScriptProblem> problems(String name, String source, ScriptCompiler compiler, ScriptStore store) {
        List<ScriptProblem> out = new ArrayList<>();
        for (ModuleImport i : compiler.imports(source)) {
            if (!ScriptNames.isValid(i.name()) || (!i.name().equals(name) && store.active(i.name()).isEmpty())) {
                out.add(new ScriptProblem(ProblemKinds.MODULE_NOT_FOUND, "module '" + i.name()
                        + "' is not a deployed script", i.line(), i.column()));
            } else if (leadsBack(name, i.name(), compiler, store)) {
                out.add(new ScriptProblem(ProblemKinds.MODULE_CYCLE, "importing '" + i.name() + "' closes a circle "
                        + "of imports back to '" + name + "'", i.line(), i.column()));
            }
        }
        return out;
    }

    /** Whether the imports of {@code start}, followed breadth first, reach {@code name}. */
    private static boolean leadsBack(String name, String start, ScriptCompiler compiler, ScriptStore store) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of(start));
        for (int depth = 0; !next.isEmpty() && depth < MAX_DEPTH; depth++) {
            Deque<String> level = new ArrayDeque<>();
            for (String module : next) {
                if (module.equals(name)) {
                    return true;
                }
                if (!seen.add(module)) {
                    continue;
                }
                Optional<ScriptVersion> v = store.active(module);
                v.ifPresent(version -> compiler.imports(version.source()).forEach(i -> level.add(i.name())));
            }
            next = level;
        }
        return false;
    }
}
