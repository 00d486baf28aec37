package io.picloud.manager.impl.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.picloud.api.SecretStore;
import io.picloud.api.control.SecretService;

/** {@code /scripts/{name}/secrets/**}: write-only values, names and update times to read. */
final class SecretRoutes {
    private final SecretService secrets;

    SecretRoutes(SecretService secrets) {
        this.secrets = secrets;
    }

    void register(RouteTable t) {
        t.add("GET", "/scripts/{name}/secrets", this::list)
                .add("PUT", "/scripts/{name}/secrets/{key}", this::put)
                .add("DELETE", "/scripts/{name}/secrets/{key}", this::delete);
    }

    private ApiResponse list(Call c) {
        String script = c.param("name");
        List<Bodies.SecretItem> out = new ArrayList<>();
        for (SecretStore.SecretInfo s : secrets.list(c.principal(), script)) {
            out.add(new Bodies.SecretItem(s.name(), Bodies.text(s.updatedAt())));
        }
        return ApiResponse.ok(new Bodies.Secrets(script, out));
    }

    /** The body is the value itself, as sent (UTF-8); the answer never repeats it. */
    private ApiResponse put(Call c) {
        String script = c.param("name");
        String key = c.param("key");
        String value = new String(c.request().body(c.maxBodyBytes()), StandardCharsets.UTF_8);
        boolean created = secrets.put(c.principal(), script, key, value);
        Bodies.SecretItem body = new Bodies.SecretItem(key, null);
        return created ? ApiResponse.created("/api/v1/scripts/" + script + "/secrets/" + key, body)
                : ApiResponse.ok(body);
    }

    private ApiResponse delete(Call c) {
        secrets.delete(c.principal(), c.param("name"), c.param("key"));
        return ApiResponse.noContent();
    }
}
