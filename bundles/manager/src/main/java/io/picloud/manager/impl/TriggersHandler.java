package io.picloud.manager.impl;

import io.picloud.store.json.ConfigJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.picloud.api.ApiKeyService;
import io.picloud.api.ApiPrincipal;
import io.picloud.api.BindingStore;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptStore;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.StoredBinding;
import io.picloud.api.NodeBindingStatus;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerType;
import io.picloud.trigger.api.ValidationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trigger part of the REST API, {@code /api/v1/triggers} and {@code /api/v1/trigger-types}, without the servlet
 * container. Same authentication, roles and JSON errors as {@link ApiHandler}; an invalid binding is a 422 whose
 * error names the offending {@code field}. Secret configuration fields ({@code "writeOnly": true} in the type's
 * schema) are never returned. See docs/api.md.
 */
final class TriggersHandler {
    /** A status for bindings the trigger runtime of this node does not report (no runtime here, or not yet). */
    private static final Logger LOG = LoggerFactory.getLogger(TriggersHandler.class);

    private final BindingStore bindings;
    private final ScriptStore scripts;
    private final ApiKeyService keys;
    private final TriggerTypes types;
    private final BindingStatuses statuses;
    private volatile int maxBodyBytes;

    TriggersHandler(BindingStore bindings, ScriptStore scripts, ApiKeyService keys, TriggerTypes types,
                    BindingStatuses statuses, int maxBodyBytes) {
        this.bindings = bindings;
        this.scripts = scripts;
        this.keys = keys;
        this.types = types;
        this.statuses = statuses;
        this.maxBodyBytes = maxBodyBytes;
    }

    void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code req.path()} is the path below {@code /api/v1}, e.g. {@code /triggers/cron-1a2b/enable}. */
    ApiHandler.Response handle(ApiHandler.Request req) {
        String method = req.method() == null ? "" : req.method().toUpperCase(Locale.ROOT);
        String path = req.path() == null ? "" : req.path();
        try {
            return route(method, path, req);
        } catch (Invalid e) {
            ObjectNode body = ApiHandler.JSON.createObjectNode();
            ObjectNode error = body.putObject("error");
            error.put("code", e.code);
            error.put("message", e.getMessage());
            error.put("field", e.field);
            return new ApiHandler.Response(422, Map.of(), body);
        } catch (ApiException e) {
            return ApiHandler.error(e);
        } catch (StoreUnavailableException e) {
            return ApiHandler.error(new ApiException(503, "unavailable", "the database is unavailable; try again later",
                    Map.of("Retry-After", ApiHandler.RETRY_AFTER_SECONDS), null));
        } catch (RuntimeException e) {
            LOG.error("Internal error on {} /api/v1{}: {}", method, path, e.toString());
            LOG.debug("Internal error details", e);
            return ApiHandler.error(new ApiException(500, "internal", "internal error"));
        }
    }

    private ApiHandler.Response route(String method, String path, ApiHandler.Request req) {
        List<String> seg = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                seg.add(s);
            }
        }
        ApiPrincipal principal = authenticate(req);
        if (!seg.isEmpty() && seg.get(0).equals("trigger-types") && seg.size() <= 2) {
            allow(method, "GET");
            return seg.size() == 1 ? listTypes() : getType(seg.get(1));
        }
        if (seg.isEmpty() || !seg.get(0).equals("triggers") || seg.size() > 3) {
            throw ApiException.notFound("no such resource: /api/v1" + path);
        }
        if (seg.size() == 1) {
            allow(method, "GET, POST");
            if (method.equals("GET")) {
                return list();
            }
            requireWriter(principal);
            return create(readJson(req), principal);
        }
        String id = seg.get(1);
        if (seg.size() == 2) {
            allow(method, "GET, PUT, DELETE");
            return switch (method) {
                case "GET" -> new ApiHandler.Response(200, Map.of(), json(existing(id)));
                case "PUT" -> replace(requireWriter(principal), existing(id), readJson(req));
                default -> delete(requireWriter(principal), id);
            };
        }
        boolean enable = switch (seg.get(2)) {
            case "enable" -> true;
            case "disable" -> false;
            default -> throw ApiException.notFound("no such resource: /api/v1" + path);
        };
        allow(method, "POST");
        requireWriter(principal);
        StoredBinding b = existing(id);
        StoredBinding saved = b.enabled() == enable ? b
                : bindings.save(new StoredBinding(b.id(), b.type(), b.script(), b.config(), enable, b.lastFired()));
        return new ApiHandler.Response(200, Map.of(), json(saved));
    }

    // --- trigger types ---

    private ApiHandler.Response listTypes() {
        ObjectNode body = ApiHandler.JSON.createObjectNode();
        ArrayNode list = body.putArray("types");
        for (Map.Entry<String, TriggerType> e : types.all().entrySet()) {
            list.add(typeJson(e.getKey(), e.getValue()));
        }
        return new ApiHandler.Response(200, Map.of(), body);
    }

    private ApiHandler.Response getType(String id) {
        TriggerType type = types.get(id);
        if (type == null) {
            throw ApiException.notFound("no trigger type " + id + " is installed");
        }
        return new ApiHandler.Response(200, Map.of(), typeJson(id, type));
    }

    private static ObjectNode typeJson(String id, TriggerType type) {
        TriggerDescriptor d = type.descriptor();
        ObjectNode o = ApiHandler.JSON.createObjectNode();
        o.put("id", id);
        o.put("label", d.label());
        o.put("description", d.description());
        try {
            o.set("schema", ApiHandler.JSON.readTree(d.configSchema()));
        } catch (JsonProcessingException e) {
            o.putObject("schema");
        }
        return o;
    }

    // --- bindings ---

    private ApiHandler.Response list() {
        ObjectNode body = ApiHandler.JSON.createObjectNode();
        ArrayNode list = body.putArray("triggers");
        BindingStatuses.View view = statuses.view();
        for (StoredBinding b : bindings.list()) {
            list.add(json(b, view));
        }
        return new ApiHandler.Response(200, Map.of(), body);
    }

    private ApiHandler.Response create(JsonNode body, ApiPrincipal principal) {
        String typeId = text(body, "type", null);
        TriggerType type = installedType(typeId);
        String script = script(text(body, "script", null));
        Map<String, Object> config = config(body);
        validate(type, typeId, null, config);
        boolean enabled = bool(body, "enabled", true);
        StoredBinding saved = bindings.save(new StoredBinding(null, typeId, script, config, enabled, null));
        LOG.info("Trigger binding {} ({} -> {}) created by {}", saved.id(), typeId, script, principal.userName());
        return new ApiHandler.Response(201, Map.of("Location", "/api/v1/triggers/" + saved.id()), json(saved));
    }

    private ApiHandler.Response replace(ApiPrincipal principal, StoredBinding old, JsonNode body) {
        String typeId = text(body, "type", old.type());
        TriggerType type = installedType(typeId);
        String script = script(text(body, "script", old.script()));
        Map<String, Object> config = body.has("config") ? config(body) : old.config();
        if (typeId.equals(old.type())) {
            config = TriggerJson.keepSecrets(config, old.config(), secrets(type));
        }
        validate(type, typeId, old.id(), config);
        boolean enabled = bool(body, "enabled", old.enabled());
        StoredBinding saved = bindings.save(new StoredBinding(old.id(), typeId, script, config, enabled,
                old.lastFired()));
        LOG.info("Trigger binding {} changed by {}", saved.id(), principal.userName());
        return new ApiHandler.Response(200, Map.of(), json(saved));
    }

    private ApiHandler.Response delete(ApiPrincipal principal, String id) {
        if (!bindings.delete(id)) {
            throw noBinding(id);
        }
        LOG.info("Trigger binding {} deleted by {}", id, principal.userName());
        return new ApiHandler.Response(204, Map.of(), null);
    }

    private StoredBinding existing(String id) {
        return bindings.find(id).orElseThrow(() -> noBinding(id));
    }

    private TriggerType installedType(String typeId) {
        TriggerType type = types.get(typeId);
        if (type == null) {
            throw new Invalid("unknown_type", "no trigger type '" + typeId + "' is installed; installed: "
                    + types.all().keySet(), "type");
        }
        return type;
    }

    private String script(String name) {
        if (!ScriptNames.isValid(name) || scripts.active(name).isEmpty()) {
            throw new Invalid("unknown_script", "no script named '" + name + "' is deployed", "script");
        }
        return name;
    }

    /** The type's check against the configuration and the other stored bindings of the type (cluster-wide). */
    private void validate(TriggerType type, String typeId, String bindingId, Map<String, Object> config) {
        try {
            type.validate(config, new StoredBindings(bindings, typeId, bindingId));
        } catch (TriggerConfigException e) {
            String message = e.getMessage();
            for (String secret : TriggerJson.secretValues(config, secrets(type))) {
                message = message.replace(secret, TriggerJson.MASK);
            }
            throw new Invalid("invalid_config", message, "config." + e.field());
        } catch (TriggerException e) {
            throw new ApiException(503, "unavailable", "the configuration could not be checked now; try again later",
                    Map.of("Retry-After", ApiHandler.RETRY_AFTER_SECONDS), null);
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Trigger type {} failed validating a configuration: {}", type.descriptor().id(), e.toString());
            throw new Invalid("invalid_config", "the configuration could not be validated", "config");
        }
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

    /** The binding as clients see it: secrets masked, status from this node's and the cluster's runtimes. */
    ObjectNode json(StoredBinding b) {
        return json(b, statuses.view());
    }

    private ObjectNode json(StoredBinding b, BindingStatuses.View view) {
        TriggerType type = types.get(b.type());
        ObjectNode o = ApiHandler.JSON.createObjectNode();
        o.put("id", b.id());
        o.put("type", b.type());
        o.put("script", b.script());
        o.set("config", ApiHandler.JSON.valueToTree(TriggerJson.masked(b.config(), secrets(type))));
        o.put("enabled", b.enabled());
        BindingStatuses.Summary status = view.of(b, type);
        o.put("status", status.state());
        o.put("detail", status.detail());
        ArrayNode nodes = o.putArray("nodes");
        for (NodeBindingStatus n : status.nodes()) {
            ObjectNode node = nodes.addObject();
            node.put("node", n.node());
            node.put("status", n.state());
            node.put("detail", n.reason());
            node.put("since", n.since() == null ? null : n.since().toString());
            node.put("seenAt", n.seenAt().toString());
        }
        o.put("lastFired", b.lastFired() == null ? null : b.lastFired().toString());
        return o;
    }

    // --- request helpers ---

    private ApiPrincipal authenticate(ApiHandler.Request req) {
        String auth = req.header("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.substring(7).isBlank()) {
            throw new ApiException(401, "unauthorized", "an API key is required: Authorization: Bearer <key>",
                    Map.of("WWW-Authenticate", "Bearer realm=\"picloud\""), null);
        }
        return keys.authenticate(auth.substring(7).strip()).orElseThrow(() -> new ApiException(401,
                "unauthorized", "invalid or revoked API key",
                Map.of("WWW-Authenticate", "Bearer realm=\"picloud\", error=\"invalid_token\""), null));
    }

    private static ApiPrincipal requireWriter(ApiPrincipal p) {
        if (!p.role().canWrite()) {
            throw new ApiException(403, "forbidden", "the role " + p.role().id() + " may only read");
        }
        return p;
    }

    private static void allow(String method, String allowed) {
        for (String m : allowed.split(", ")) {
            if (m.equals(method)) {
                return;
            }
        }
        throw ApiException.methodNotAllowed(method, allowed);
    }

    private JsonNode readJson(ApiHandler.Request req) {
        String contentType = req.header("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "send the binding as application/json");
        }
        byte[] body = req.body(maxBodyBytes);
        try {
            JsonNode json = ApiHandler.JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read");
        }
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (fallback != null) {
                return fallback;
            }
            throw new Invalid("invalid_binding", "\"" + field + "\" is required", field);
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new Invalid("invalid_binding", "\"" + field + "\" must be a non-empty string", field);
        }
        return v.asText().strip();
    }

    private static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new Invalid("invalid_binding", "\"" + field + "\" must be true or false", field);
        }
        return v.booleanValue();
    }

    private static Map<String, Object> config(JsonNode body) {
        JsonNode v = body.get("config");
        if (v == null || v.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!v.isObject()) {
            throw new Invalid("invalid_config", "\"config\" must be a JSON object", "config");
        }
        return ConfigJson.toMap(v);
    }

    private static ApiException noBinding(String id) {
        return ApiException.notFound("no trigger binding " + id);
    }

    /** A 422 naming the invalid field. */
    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;
        final String field;

        Invalid(String code, String message, String field) {
            super(message, null, false, false);
            this.code = code;
            this.field = field;
        }
    }
}
