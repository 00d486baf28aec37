package io.picloud.manager.impl;

import java.io.IOException;

import io.picloud.api.ApiKeyService;
import io.picloud.api.BindingStatusStore;
import io.picloud.api.BindingStore;
import io.picloud.api.ScriptStore;
import io.picloud.api.TriggerStatusService;
import io.picloud.trigger.api.TriggerType;
import io.picloud.trigger.api.http.HttpEndpoint;
import io.picloud.trigger.api.http.HttpExchange;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code /api/v1/triggers} and {@code /api/v1/trigger-types} on PiCloud's HTTP server, beside {@link ApiEndpoint}
 * (the longer prefixes win over {@code /api/v1}); all logic is in {@link TriggersHandler}. Collects every
 * {@link TriggerType} (multiple, dynamic, greedy) to validate configurations and describe the installed types.
 */
@Component(service = HttpEndpoint.class, configurationPid = ManagerConfig.PID,
        property = {HttpEndpoint.PREFIX + "=/api/v1/triggers", HttpEndpoint.PREFIX + "=/api/v1/trigger-types"})
public class TriggersEndpoint implements HttpEndpoint {
    private final TriggerTypes types = new TriggerTypes();
    private final TriggersHandler handler;
    private volatile TriggerStatusService statuses;

    @Activate
    public TriggersEndpoint(@Reference BindingStore bindings, @Reference ScriptStore scripts,
                           @Reference ApiKeyService keys, @Reference BindingStatusStore clusterStatuses,
                           ManagerConfig config) {
        this.handler = new TriggersHandler(bindings, scripts, keys, types,
                new BindingStatuses(() -> statuses, clusterStatuses), config.maxUploadBytes());
    }

    @Modified
    void modified(ManagerConfig config) {
        handler.setMaxBodyBytes(config.maxUploadBytes());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTriggerType(ServiceReference<TriggerType> reference, TriggerType type) {
        Object id = reference.getProperty(TriggerType.PROPERTY_TYPE);
        if (id instanceof String s && !s.isBlank()) {
            types.add(s, type);
        }
    }

    void removeTriggerType(ServiceReference<TriggerType> reference, TriggerType type) {
        Object id = reference.getProperty(TriggerType.PROPERTY_TYPE);
        if (id instanceof String s) {
            types.remove(s, type);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setStatuses(TriggerStatusService service) {
        this.statuses = service;
    }

    void unsetStatuses(TriggerStatusService service) {
        if (this.statuses == service) {
            this.statuses = null;
        }
    }

    /** For tests outside OSGi: a type as if registered with {@code trigger.type=id}. */
    void addType(String id, TriggerType type) {
        types.add(id, type);
    }

    void removeType(String id, TriggerType type) {
        types.remove(id, type);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        ApiExchanges.respond(exchange, handler.handle(ApiExchanges.request(exchange)));
    }
}
