package io.picloud.orchestrator.impl;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.InvocationLog;
import io.picloud.api.ScriptChangeListener;
import io.picloud.api.ScriptExecutor;
import io.picloud.api.ScriptStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * The {@link Dispatcher} service. Also a {@link ScriptChangeListener}: a store registered with
 * {@link ScriptChangeListener#STORE_NOTIFIES}{@code =true} tells it about every change, and only then are active
 * versions cached.
 */
@Component(service = {Dispatcher.class, ScriptChangeListener.class})
public class OrchestratorComponent implements Dispatcher, ScriptChangeListener {
    private static final Logger logger = LoggerFactory.getLogger(OrchestratorComponent.class);

    private final Orchestrator orchestrator;

    @Activate
    public OrchestratorComponent(@Reference(name = "store", service = ScriptStore.class) Map.Entry<Map<String, Object>, ScriptStore> store,
                                 @Reference(name = "executor") ScriptExecutor executor,
                                 @Reference(name = "log") InvocationLog log) {
        boolean notifies = Boolean.parseBoolean(String.valueOf(store.getKey().get(ScriptChangeListener.STORE_NOTIFIES)));
        this.orchestrator = new Orchestrator(store.getValue(), executor, log, notifies);
        logger.debug("Dispatcher active; active-version cache {}", notifies ? "on" : "off");
    }

    @Override
    public Optional<Dispatch> dispatch(Event event) {
        return orchestrator.dispatch(event);
    }

    @Override
    public void scriptChanged(String name) {
        orchestrator.scriptChanged(name);
    }
}
