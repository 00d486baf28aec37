package io.picloud.orchestrator.impl;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.InvocationLog;
import io.picloud.api.ScriptChangeListener;
import io.picloud.api.ScriptExecutor;
import io.picloud.api.ScriptStore;
import io.picloud.api.control.KnownScripts;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * The {@link Dispatcher} service. Active versions are cached (in {@link ActiveVersionsComponent}, which the store
 * tells about every change) only when the store is registered with
 * {@link ScriptChangeListener#STORE_NOTIFIES}{@code =true}. Also the {@link MetricSource} of what it ran.
 */
@Component(service = {Dispatcher.class, MetricSource.class})
public class OrchestratorComponent implements Dispatcher, MetricSource {
    private static final Logger logger = LoggerFactory.getLogger(OrchestratorComponent.class);

    private final Orchestrator orchestrator;
    private final DispatchMetrics metrics = new DispatchMetrics();

    @Activate
    public OrchestratorComponent(
            @Reference(name = "store", service = ScriptStore.class) Map.Entry<Map<String, Object>, ScriptStore> store,
            @Reference(name = "executor") ScriptExecutor executor,
            @Reference(name = "log") InvocationLog log,
            @Reference(name = "activeVersions") ActiveVersionsComponent activeVersions,
            @Reference(name = "known") KnownScripts known) {
        boolean notifies = Boolean.parseBoolean(String.valueOf(store.getKey().get(ScriptChangeListener.STORE_NOTIFIES)));
        ActiveVersionCache cache = null;
        if (notifies) {
            cache = activeVersions.cache();
            cache.clear(); // entries may come from a previous store
        }
        this.orchestrator = new Orchestrator(store.getValue(), executor, log, cache, known, metrics);
        logger.debug("Dispatcher active; active-version cache {}", notifies ? "on" : "off");
    }

    @Override
    public Optional<Dispatch> dispatch(Event event) {
        return orchestrator.dispatch(event);
    }

    @Override
    public Dispatch dispatchInline(Event event) {
        return orchestrator.dispatchInline(event);
    }

    @Override
    public boolean mayDispatchInline(String script) {
        return orchestrator.mayDispatchInline(script);
    }

    @Override
    public void collect(MetricWriter out) {
        metrics.collect(out);
    }
}
