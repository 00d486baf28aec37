package io.picloud.rhai.impl;

import io.picloud.rhai.RhaiParseException;
import io.picloud.rhai.impl.eval.ScriptUnit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled modules by name and source, least recently used dropped first: an import compiles its module once, not
 * on every run; a new source (a new version of the module) is compiled at its first import. Compiled units are
 * immutable, so every run may share one.
 */
final class CompiledModules {
    /** Compiles a module; may fail with the module's parse error. */
    interface Compilation {
        ScriptUnit compile() throws RhaiParseException;
    }

    private record Key(String name, String source) {
    }

    private final Map<Key, ScriptUnit> units;

    CompiledModules(int max) {
        this.units = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, ScriptUnit> eldest) {
                return size() > max;
            }
        };
    }

    ScriptUnit compile(String name, String source, Compilation compilation) throws RhaiParseException {
        Key key = new Key(name, source);
        synchronized (units) {
            ScriptUnit cached = units.get(key);
            if (cached != null) {
                return cached;
            }
        }
        ScriptUnit unit = compilation.compile(); // outside the lock: compiling may take milliseconds
        synchronized (units) {
            units.put(key, unit);
        }
        return unit;
    }
}
