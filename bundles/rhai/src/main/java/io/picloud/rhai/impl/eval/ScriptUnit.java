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
        Map<String, FnDef[]> index = byName;
        if (index == null) {
            byName = index = index();
        }
        FnDef[] byArity = index.get(name);
        return byArity == null || arity < 0 || arity >= byArity.length ? null : byArity[arity];
    }

    /**
     * Functions by name, then arity: a host calling {@code handle} on every run looks it up without building the
     * {@code "handle/1"} key. Built on first use, after compilation (a race builds it twice, the same).
     */
    private volatile Map<String, FnDef[]> byName;

    private Map<String, FnDef[]> index() {
        Map<String, FnDef[]> index = new HashMap<>();
        for (Map.Entry<String, FnDef> e : functions.entrySet()) {
            String k = e.getKey();
            int slash = k.lastIndexOf('/');
            if (slash < 0 || k.indexOf('#', slash) >= 0) {
                continue; // a method of a type ("f/1#map"): looked up through the map by key
            }
            String name = k.substring(0, slash);
            int arity = Integer.parseInt(k.substring(slash + 1));
            FnDef[] old = index.getOrDefault(name, new FnDef[0]);
            FnDef[] grown = old.length > arity ? old : java.util.Arrays.copyOf(old, arity + 1);
            grown[arity] = e.getValue();
            index.put(name, grown);
        }
        return index;
    }
}
