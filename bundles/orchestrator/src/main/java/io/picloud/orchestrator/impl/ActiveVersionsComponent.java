package io.picloud.orchestrator.impl;

import io.picloud.api.ScriptChangeListener;
import org.osgi.service.component.annotations.Component;

/**
 * Holds the active-version cache and is the {@link ScriptChangeListener} the script store calls. A component of
 * its own, with no references, so the store (which binds listeners) and the dispatcher (which binds the store)
 * never form a cycle. Registered under its own class too, for {@link OrchestratorComponent} only (private
 * package, not exported).
 */
@Component(service = {ScriptChangeListener.class, ActiveVersionsComponent.class})
public class ActiveVersionsComponent implements ScriptChangeListener {
    private final ActiveVersionCache cache = new ActiveVersionCache(10_000);

    ActiveVersionCache cache() {
        return cache;
    }

    @Override
    public void scriptChanged(String name) {
        cache.invalidate(name);
    }
}
