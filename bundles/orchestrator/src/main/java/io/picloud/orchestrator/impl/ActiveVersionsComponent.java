package io.picloud.orchestrator.impl;

import io.picloud.api.ScriptChangeListener;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;
import org.osgi.service.component.annotations.Component;

import java.util.Map;

/**
 * Holds the active-version cache and is the {@link ScriptChangeListener} the script store calls. A component of
 * its own, with no references, so the store (which binds listeners) and the dispatcher (which binds the store)
 * never form a cycle. Registered under its own class too, for {@link OrchestratorComponent} only (private
 * package, not exported), and as a {@link MetricSource} of the cache's size and store reads.
 */
@Component(service = {ScriptChangeListener.class, ActiveVersionsComponent.class, MetricSource.class})
public class ActiveVersionsComponent implements ScriptChangeListener, MetricSource {
    static final int MAX_CACHED = 10_000;
    private final ActiveVersionCache cache = new ActiveVersionCache(MAX_CACHED);

    ActiveVersionCache cache() {
        return cache;
    }

    @Override
    public void scriptChanged(String name) {
        cache.invalidate(name);
    }

    @Override
    public void collect(MetricWriter out) {
        out.counter("picloud_active_version_reads", "Reads of a script's active version from the store by the "
                + "dispatcher (cache misses; names known not to exist cost none)", Map.of(), cache.loads());
        out.gauge("picloud_active_versions_cached", "Scripts whose active version is cached on this node",
                Map.of(), cache.size());
    }
}
