package io.picloud.manager.impl.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.api.control.BindingService;
import io.picloud.api.control.BindingService.BindingView;
import io.picloud.api.control.BindingService.TriggerTypeView;
import io.picloud.api.control.OperationException;
import io.picloud.store.json.ConfigJson;

/** {@code /triggers/**} and {@code /trigger-types/**} over the {@link BindingService}. */
final class TriggerRoutes {
    static final int DEFAULT_FIRES = 5;
    private final BindingService bindings;

    TriggerRoutes(BindingService bindings) {
        this.bindings = bindings;
    }

    void register(RouteTable t) {
        t.add("GET", "/triggers", this::list)
                .add("POST", "/triggers", this::create)
                .add("GET", "/triggers/{id}", c -> ok(bindings.get(c.principal(), c.param("id"))))
                .add("PUT", "/triggers/{id}", this::replace)
                .add("DELETE", "/triggers/{id}", this::delete)
                .add("POST", "/triggers/{id}/enable", c -> ok(bindings.setEnabled(c.principal(), c.param("id"), true)))
                .add("POST", "/triggers/{id}/disable",
                        c -> ok(bindings.setEnabled(c.principal(), c.param("id"), false)))
                .add("GET", "/triggers/{id}/next-fires", c -> ApiResponse.ok(Bodies.NextFires.of(bindings.nextFires(
                        c.principal(), c.param("id"), c.intQuery("count", DEFAULT_FIRES, 1, BindingService.MAX_FIRES)))))
                .add("POST", "/trigger-types/{id}/next-fires", this::previewFires)
                .add("GET", "/trigger-types", this::types)
                .add("GET", "/trigger-types/{id}", c -> ApiResponse.ok(type(bindings.type(c.principal(),
                        c.param("id")))));
    }

    private ApiResponse list(Call c) {
        List<Bodies.BindingBody> out = new ArrayList<>();
        for (BindingView b : bindings.list(c.principal())) {
            out.add(Bodies.BindingBody.of(b));
        }
        return ApiResponse.ok(new Bodies.Bindings(out));
    }

    private ApiResponse create(Call c) {
        Bodies.BindingRequest r = body(c);
        BindingView b = bindings.create(c.principal(), r.type(), r.script(), config(r.config()), r.enabled());
        return ApiResponse.created("/api/v1/triggers/" + b.id(), Bodies.BindingBody.of(b));
    }

    private ApiResponse replace(Call c) {
        Bodies.BindingRequest r = body(c);
        return ok(bindings.replace(c.principal(), c.param("id"), r.type(), r.script(), config(r.config()),
                r.enabled()));
    }

    private ApiResponse delete(Call c) {
        bindings.delete(c.principal(), c.param("id"));
        return ApiResponse.noContent();
    }

    /** The fire times of a form's configuration; the config's errors are 422s naming the field, as on create. */
    private ApiResponse previewFires(Call c) {
        Bodies.NextFiresRequest r = c.body(Bodies.NextFiresRequest.class);
        int count = r.count() == null ? DEFAULT_FIRES : r.count();
        if (count < 1 || count > BindingService.MAX_FIRES) {
            throw ApiException.badRequest("count", "count must be an integer from 1 to " + BindingService.MAX_FIRES);
        }
        return ApiResponse.ok(Bodies.NextFires.of(bindings.previewFires(c.principal(), c.param("id"),
                config(r.config()), count)));
    }

    private ApiResponse types(Call c) {
        List<Bodies.TriggerTypeBody> out = new ArrayList<>();
        for (TriggerTypeView t : bindings.types(c.principal())) {
            out.add(type(t));
        }
        return ApiResponse.ok(new Bodies.TriggerTypes(out));
    }

    /** Wrongly typed top-level fields are a 422 {@code invalid_binding} naming the field, as the trigger docs say. */
    private static Bodies.BindingRequest body(Call c) {
        try {
            return c.body(Bodies.BindingRequest.class);
        } catch (ApiException e) {
            if (e.status == 400 && e.field != null && !e.getMessage().startsWith("unknown field")) {
                throw new OperationException(OperationException.Kind.UNPROCESSABLE, "invalid_binding",
                        "\"" + e.field + "\" has the wrong type", e.field, 0, null);
            }
            throw e;
        }
    }

    private static Map<String, Object> config(JsonNode config) {
        if (config == null || config.isNull()) {
            return null;
        }
        if (!config.isObject()) {
            throw new OperationException(OperationException.Kind.UNPROCESSABLE, "invalid_config",
                    "\"config\" must be a JSON object", "config", 0, null);
        }
        return ConfigJson.toMap(config);
    }

    private static ApiResponse ok(BindingView b) {
        return ApiResponse.ok(Bodies.BindingBody.of(b));
    }

    private static Bodies.TriggerTypeBody type(TriggerTypeView t) {
        JsonNode schema;
        try {
            schema = Json.MAPPER.readTree(t.schema() == null ? "{}" : t.schema());
        } catch (JsonProcessingException e) {
            schema = Json.MAPPER.createObjectNode();
        }
        return new Bodies.TriggerTypeBody(t.id(), t.label(), t.description(), schema);
    }
}
