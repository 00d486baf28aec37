package io.picloud.trigger.httproute.impl;

import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerConfigs;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The binding configuration of an {@code http} route: {@code method} and {@code path}. */
record RouteConfig(String method, RoutePattern pattern) {
    /** Any method; {@code ANY} is accepted as a synonym. */
    static final String ANY = "*";
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", ANY);

    static final String SCHEMA = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
            + "\"required\":[\"path\"],\"additionalProperties\":false,\"properties\":{"
            + "\"method\":{\"type\":\"string\",\"enum\":[\"GET\",\"POST\",\"PUT\",\"PATCH\",\"DELETE\",\"*\",\"ANY\"],"
            + "\"default\":\"GET\",\"description\":\"HTTP method; * (or ANY) for every method\"},"
            + "\"path\":{\"type\":\"string\",\"description\":\"Path pattern under /r, e.g. /users/{id} or "
            + "/files/{path*} (catch-all, last segment only)\"}}}";

    static RouteConfig of(Map<String, Object> config) throws TriggerConfigException {
        TriggerConfigs.onlyKnown(config, Set.of("method", "path"));
        String method = TriggerConfigs.string(config, "method", "GET").toUpperCase(Locale.ROOT);
        if (method.equals("ANY")) {
            method = ANY;
        }
        if (!METHODS.contains(method)) {
            throw new TriggerConfigException("method", "must be one of GET, POST, PUT, PATCH, DELETE or * (ANY), "
                    + "not '" + config.get("method") + "'");
        }
        String path = TriggerConfigs.string(config, "path", null);
        try {
            return new RouteConfig(method, RoutePattern.parse(path));
        } catch (IllegalArgumentException e) {
            throw new TriggerConfigException("path", e.getMessage());
        }
    }

    /** For messages: {@code GET /users/{id}}. */
    String describe() {
        return method + " " + pattern.text();
    }
}
