package io.picloud.manager.impl.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /openapi.json} (open): the OpenAPI 3.1 document of {@code /api/v1}, read once from the bundle. It is
 * {@code no-cache} rather than {@code no-store}: a client may keep it but asks again, so an upgrade is seen at once.
 */
final class OpenApiRoutes {
    static final String RESOURCE = "/openapi.json";
    private final JsonNode document;

    OpenApiRoutes() {
        this.document = load();
    }

    void register(RouteTable t) {
        t.open("GET", "/openapi.json", c -> new ApiResponse(200, Map.of("Cache-Control", "no-cache"), document));
    }

    /** The document as packaged; a bundle built without it is broken, so this fails the component's activation. */
    static JsonNode load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundle has no " + RESOURCE);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the bundle's " + RESOURCE + " cannot be read", e);
        }
    }
}
