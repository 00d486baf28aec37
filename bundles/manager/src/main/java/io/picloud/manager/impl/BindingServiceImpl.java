package io.picloud.manager.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.picloud.api.BindingStatusStore;
import io.picloud.api.BindingStore;
import io.picloud.api.NodeBindingStatus;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptStore;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.StoredBinding;
import io.picloud.api.TriggerStatusService;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.BindingService;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.trigger.api.FireTimes;
import io.picloud.trigger.api.ScheduledTriggerType;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerType;
import io.picloud.trigger.api.ValidationContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BindingService}: validation by the installed trigger type (collected here: multiple, dynamic, greedy),
 * the script owners' rights, secret masking and the cluster-wide status of each binding.
 */
@Component(service = BindingService.class)
public class BindingServiceImpl implements BindingService {
    private static final Logger LOG = LoggerFactory.getLogger(BindingServiceImpl.class);
    private final TriggerTypes types = new TriggerTypes();
    private final BindingStore bindings;
    private final ScriptStore scripts;
    private final AuditLog audit;
    private final BindingStatuses statuses;
    private volatile TriggerStatusService local;

    @Activate
    public BindingServiceImpl(@Reference BindingStore bindings, @Reference ScriptStore scripts,
                              @Reference AuditLog audit, @Reference BindingStatusStore clusterStatuses) {
        this.bindings = bindings;
        this.scripts = scripts;
        this.audit = audit;
        this.statuses = new BindingStatuses(() -> local, clusterStatuses);
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
        this.local = service;
    }

    void unsetStatuses(TriggerStatusService service) {
        if (this.local == service) {
            this.local = null;
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
    public List<BindingView> list(Principal p) {
        Authz.read(p);
        BindingStatuses.View view = statuses.view();
        List<BindingView> out = new ArrayList<>();
        for (StoredBinding b : bindings.list()) {
            out.add(view(b, view));
        }
        return out;
    }

    @Override
    public BindingView get(Principal p, String id) {
        Authz.read(p);
        return view(existing(id), statuses.view());
    }

    @Override
    public BindingView create(Principal p, String type, String script, Map<String, Object> config,
                              Boolean enabled) {
        Authz.read(p);
        TriggerType t = installedType(type);
        String name = script(script);
        mayChangeBindingsOf(p, name, "binding.create");
        Map<String, Object> cfg = config == null ? new LinkedHashMap<>() : config;
        validate(t, type, null, cfg);
        StoredBinding saved = bindings.save(new StoredBinding(null, type, name, cfg, enabled == null || enabled,
                null, p.username()));
        LOG.info("Trigger binding {} ({} -> {}) created by {}", saved.id(), type, name, p.actor());
        audit.record(p, "binding.create", saved.id(), "ok", type + " -> " + name);
        return view(saved, statuses.view(), true);
    }

    @Override
    public BindingView replace(Principal p, String id, String type, String script, Map<String, Object> config,
                               Boolean enabled) {
        Authz.read(p);
        StoredBinding old = existing(id);
        mayChangeBindingsOf(p, old.script(), "binding.replace");
        String typeId = type == null ? old.type() : type;
        TriggerType t = installedType(typeId);
        String name = script(script == null ? old.script() : script);
        if (!name.equals(old.script())) {
            mayChangeBindingsOf(p, name, "binding.replace");
        }
        Map<String, Object> cfg = config == null ? old.config() : config;
        if (typeId.equals(old.type())) {
            cfg = TriggerJson.keepSecrets(cfg, old.config(), secrets(t));
        }
        validate(t, typeId, old.id(), cfg);
        StoredBinding saved = bindings.save(old.with(typeId, name, cfg, enabled == null ? old.enabled() : enabled));
        LOG.info("Trigger binding {} changed by {}", saved.id(), p.actor());
        audit.record(p, "binding.replace", saved.id(), "ok", typeId + " -> " + name);
        return view(saved, statuses.view(), true);
    }

    @Override
    public BindingView setEnabled(Principal p, String id, boolean enabled) {
        Authz.read(p);
        StoredBinding b = existing(id);
        String action = enabled ? "binding.enable" : "binding.disable";
        mayChangeBindingsOf(p, b.script(), action);
        StoredBinding saved = b.enabled() == enabled ? b : bindings.save(b.with(b.type(), b.script(), b.config(),
                enabled));
        audit.record(p, action, id, "ok", null);
        return view(saved, statuses.view(), saved != b);
    }

    @Override
    public void delete(Principal p, String id) {
        Authz.read(p);
        StoredBinding b = existing(id);
        mayChangeBindingsOf(p, b.script(), "binding.delete");
        if (!bindings.delete(id)) {
            throw noBinding(id);
        }
        LOG.info("Trigger binding {} deleted by {}", id, p.actor());
        audit.record(p, "binding.delete", id, "ok", null);
    }

    @Override
    public List<TriggerTypeView> types(Principal p) {
        Authz.read(p);
        List<TriggerTypeView> out = new ArrayList<>();
        for (Map.Entry<String, TriggerType> e : types.all().entrySet()) {
            out.add(typeView(e.getKey(), e.getValue()));
        }
        return out;
    }

    @Override
    public TriggerTypeView type(Principal p, String id) {
        Authz.read(p);
        TriggerType type = types.get(id);
        if (type == null) {
            throw OperationException.notFound("no trigger type " + id + " is installed");
        }
        return typeView(id, type);
    }

    @Override
    public NextFires nextFires(Principal p, String id, int count) {
        Authz.read(p);
        StoredBinding b = existing(id);
        return fires(b.type(), b.id(), b.config(), count);
    }

    @Override
    public NextFires previewFires(Principal p, String type, Map<String, Object> config, int count) {
        Authz.read(p);
        return fires(type, null, config == null ? new LinkedHashMap<>() : config, count);
    }

    /** Checked as a save would check it, then the type's own schedule code says when it fires. */
    private NextFires fires(String typeId, String bindingId, Map<String, Object> config, int count) {
        if (count < 1 || count > MAX_FIRES) {
            throw OperationException.invalid("count", "count must be an integer from 1 to " + MAX_FIRES);
        }
        TriggerType t = installedType(typeId);
        if (!(t instanceof ScheduledTriggerType scheduled)) {
            throw unprocessable("not_scheduled", "bindings of the trigger type '" + typeId + "' fire on events, "
                    + "not on a schedule", "type");
        }
        validate(t, typeId, bindingId, config);
        try {
            FireTimes fires = scheduled.nextFires(config, Instant.now(), count);
            return new NextFires(fires.zone(), fires.times());
        } catch (TriggerConfigException e) {
            throw invalidConfig(t, config, e);
        } catch (RuntimeException e) {
            LOG.warn("Trigger type {} failed computing fire times: {}", typeId, e.toString());
            throw unprocessable("invalid_config", "the fire times could not be computed", "config");
        }
    }

    private static TriggerTypeView typeView(String id, TriggerType type) {
        TriggerDescriptor d = type.descriptor();
        return new TriggerTypeView(id, d.label(), d.description(), d.configSchema());
    }

    /** Admins manage every binding; a developer those of the scripts they own (a script not deployed: no one's). */
    private void mayChangeBindingsOf(Principal p, String script, String action) {
        if (Authz.isAdmin(p)) {
            return;
        }
        try {
            ScriptOwner owner = scripts.owner(script).orElse(new ScriptOwner(script, -1, null, null));
            Authz.changeScript(p, owner);
        } catch (OperationException e) {
            audit.record(p, action, script, "denied", e.getMessage());
            throw OperationException.forbidden("the bindings of " + script + " are managed by its owner or an "
                    + "admin: " + e.getMessage());
        }
    }

    private StoredBinding existing(String id) {
        return bindings.find(id).orElseThrow(() -> noBinding(id));
    }

    private TriggerType installedType(String typeId) {
        if (typeId == null || typeId.isBlank()) {
            throw unprocessable("invalid_binding", "\"type\" is required", "type");
        }
        TriggerType type = types.get(typeId);
        if (type == null) {
            throw unprocessable("unknown_type", "no trigger type '" + typeId + "' is installed; installed: "
                    + types.all().keySet(), "type");
        }
        return type;
    }

    private String script(String name) {
        if (name == null || name.isBlank()) {
            throw unprocessable("invalid_binding", "\"script\" is required", "script");
        }
        if (!ScriptNames.isValid(name) || scripts.active(name).isEmpty()) {
            throw unprocessable("unknown_script", "no script named '" + name + "' is deployed", "script");
        }
        return name;
    }

    /** The type's check against the configuration and the other stored bindings of the type (cluster-wide). */
    private void validate(TriggerType type, String typeId, String bindingId, Map<String, Object> config) {
        try {
            type.validate(config, new StoredBindings(bindings, typeId, bindingId));
        } catch (TriggerConfigException e) {
            throw invalidConfig(type, config, e);
        } catch (TriggerException e) {
            throw new StoreUnavailableException("the configuration could not be checked now", e);
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Trigger type {} failed validating a configuration: {}", typeId, e.toString());
            throw unprocessable("invalid_config", "the configuration could not be validated", "config");
        }
    }

    /** A 422 naming the field, the message stripped of any secret value it might echo. */
    private static OperationException invalidConfig(TriggerType type, Map<String, Object> config,
                                                    TriggerConfigException e) {
        String message = e.getMessage();
        for (String secret : TriggerJson.secretValues(config, secrets(type))) {
            message = message.replace(secret, TriggerJson.MASK);
        }
        return unprocessable("invalid_config", message, "config." + e.field());
    }

    /** The validation context: the other stored bindings of one type, read from the store only when asked. */
    record StoredBindings(BindingStore store, String typeId, String bindingId) implements ValidationContext {
        @Override
        public List<TriggerBinding> otherBindings() throws TriggerException {
            List<TriggerBinding> others = new ArrayList<>();
            try {
                for (StoredBinding b : store.list()) {
                    if (b.type().equals(typeId) && !b.id().equals(bindingId)) {
                        others.add(new TriggerBinding(b.id(), b.type(), b.script(), b.config(), b.enabled(),
                                b.lastFired()));
                    }
                }
            } catch (StoreUnavailableException e) {
                throw new TriggerException("the stored bindings cannot be read now", e);
            }
            return others;
        }
    }

    private static Set<String> secrets(TriggerType type) {
        return type == null ? Set.of() : TriggerJson.secretFields(type.descriptor().configSchema());
    }

    /** Secrets masked; a type that is not installed has all its values masked (its secrets are unknown). */
    private BindingView view(StoredBinding b, BindingStatuses.View view) {
        return view(b, view, false);
    }

    /** {@code justSaved}: the answer of a create or change, where "no node reported it yet" means STARTING. */
    private BindingView view(StoredBinding b, BindingStatuses.View view, boolean justSaved) {
        TriggerType type = types.get(b.type());
        Map<String, Object> config = type == null ? TriggerJson.maskedAll(b.config())
                : TriggerJson.masked(b.config(), secrets(type));
        BindingStatuses.Summary status = view.of(b, type, justSaved);
        List<NodeStatus> nodes = new ArrayList<>();
        for (NodeBindingStatus n : status.nodes()) {
            nodes.add(new NodeStatus(n.node(), n.state(), n.reason(), n.since(), n.seenAt()));
        }
        return new BindingView(b.id(), b.type(), b.script(), config, b.enabled(), status.state(), status.detail(),
                nodes, b.lastFired(), b.owner());
    }

    private static OperationException noBinding(String id) {
        return OperationException.notFound("no trigger binding " + id);
    }

    private static OperationException unprocessable(String code, String message, String field) {
        return new OperationException(OperationException.Kind.UNPROCESSABLE, code, message, field, 0, null);
    }
}
