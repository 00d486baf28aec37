package io.picloud.rhai.impl;

import io.picloud.rhai.CompiledScript;
import io.picloud.rhai.impl.eval.ScriptUnit;

/** A compiled script bound to the engine that compiled it. Immutable, shareable between threads. */
final class CompiledScriptImpl implements CompiledScript {
    final ScriptUnit unit;
    final EngineImpl engine;
    private final java.util.Set<String> calls;

    CompiledScriptImpl(ScriptUnit unit, EngineImpl engine) {
        this.unit = unit;
        this.engine = engine;
        this.calls = java.util.Set.copyOf(unit.calls);
    }

    @Override
    public String name() {
        return unit.name;
    }

    @Override
    public boolean hasFunction(String name, int arity) {
        return unit.function(name, arity) != null;
    }

    @Override
    public java.util.Set<String> calledFunctions() {
        return calls;
    }

    @Override
    public java.util.Set<String> compiledFunctions() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        unit.functions.forEach((key, f) -> {
            if (f.compiled()) {
                out.add(key); // name/arity (a typed method, keyed with its type, is never compiled)
            }
        });
        return out;
    }
}
