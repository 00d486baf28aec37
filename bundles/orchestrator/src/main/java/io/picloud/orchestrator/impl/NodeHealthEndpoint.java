package io.picloud.orchestrator.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.picloud.api.DatabaseStatus;
import io.picloud.api.Dispatcher;
import io.picloud.api.PlatformInfo;
import io.picloud.http.api.HttpEndpoint;
import io.picloud.http.api.HttpExchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /health} on a node, for a load balancer's active health checks (caddy/Caddyfile.cluster): 200 when
 * this container can serve scripts (the dispatcher is up, which needs the executor and the stores) and its
 * database answers with a current schema; 503 otherwise. No details beyond that: it is unauthenticated. The
 * REST API's {@code /api/v1/health} stays on the manager.
 */
@Component(service = HttpEndpoint.class, property = HttpEndpoint.PREFIX + "=" + NodeHealthEndpoint.PREFIX)
public class NodeHealthEndpoint implements HttpEndpoint {
    static final String PREFIX = "/health";

    private final DatabaseStatus database;
    private final PlatformInfo schema;

    @Activate
    public NodeHealthEndpoint(@Reference Dispatcher dispatcher,
                              @Reference(target = "(dataSourceName=picloud)") DatabaseStatus database,
                              @Reference PlatformInfo schema) {
        this.database = database;
        this.schema = schema;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.pathWithinPrefix().isEmpty()) {
            answer(exchange, 404, Map.of(), "{\"error\":{\"code\":\"not_found\",\"message\":\"no such path\"}}");
        } else if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
            answer(exchange, 405, Map.of("Allow", "GET, HEAD"),
                    "{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"use GET\"}}");
        } else if (database.available() && schema.schemaVersion() > 0) {
            answer(exchange, 200, Map.of(), "{\"status\":\"ok\",\"schema\":" + schema.schemaVersion() + "}");
        } else {
            answer(exchange, 503, Map.of("Retry-After", "5"),
                    "{\"status\":\"degraded\",\"reason\":\"database unavailable\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, Map<String, String> headers, String json)
            throws IOException {
        exchange.respond(status, headers, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
}
