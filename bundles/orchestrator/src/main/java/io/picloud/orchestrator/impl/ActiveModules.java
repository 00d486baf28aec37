package io.picloud.orchestrator.impl;

import java.util.Map;
import java.util.Optional;

import io.picloud.api.ModuleSource;
import io.picloud.api.ScriptChangeListener;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptVersion;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link ModuleSource}: modules are the active versions of deployed scripts, read through the same cache as the
 * dispatcher's (kept current by the store's notifications), so an import costs no query once warm and a new
 * version of a module is seen at the importer's next run. No reference to the executor, which uses this.
 */
@Component(service = ModuleSource.class)
public class ActiveModules implements ModuleSource {
    private final ScriptStore store;
    private final ActiveVersionCache cache;

    @Activate
    public ActiveModules(
            @Reference(name = "store", service = ScriptStore.class) Map.Entry<Map<String, Object>, ScriptStore> store,
            @Reference(name = "activeVersions") ActiveVersionsComponent activeVersions) {
        this.store = store.getValue();
        boolean notifies = Boolean.parseBoolean(String.valueOf(store.getKey().get(ScriptChangeListener.STORE_NOTIFIES)));
        this.cache = notifies ? activeVersions.cache() : null;
    }

    @Override
    public Optional<ScriptVersion> module(String name) {
        if (!ScriptNames.isValid(name)) {
            return Optional.empty();
        }
        return cache == null ? store.active(name) : cache.get(name, store::active);
    }
}
