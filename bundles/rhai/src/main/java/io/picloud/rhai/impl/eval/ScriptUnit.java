package io.picloud.rhai.impl.eval;

import java.util.HashMap;
import java.util.Map;

/** The compiled form of one script: its top-level code and its functions. Immutable after compilation. */
public final class ScriptUnit {
    public final String name;
    public final Map<String, FnDef> functions = new HashMap<>();
    public Node main;
    public int mainFrameSize;
    /** Names of top-level slots (for eval and for exporting module variables). */
    public Map<String, Integer> topLevelNames = new HashMap<>();
    /** Exported variable name -> top-level slot (module scripts). */
    public final Map<String, Integer> exports = new HashMap<>();
    /** Functions called by name in the source (see {@link io.picloud.rhai.CompiledScript#calledFunctions()}). */
    public final java.util.Set<String> calls = new java.util.HashSet<>();

    public ScriptUnit(String name) {
        this.name = name;
    }

    public static String key(String name, int arity) {
        return name + "/" + arity;
    }

    public boolean hasFunctionNamed(String name) {
        String prefix = name + "/";
        for (String k : functions.keySet()) {
            if (k.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    public FnDef function(String name, int arity) {
        return functions.get(key(name, arity));
    }
}
