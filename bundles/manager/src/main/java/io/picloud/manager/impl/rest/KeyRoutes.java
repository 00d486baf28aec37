package io.picloud.manager.impl.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.picloud.api.control.ApiKeyService;
import io.picloud.api.control.ApiKeyService.CreatedKey;
import io.picloud.api.control.ApiKeyService.KeyView;

/** {@code /keys/**} over the {@link ApiKeyService}. */
final class KeyRoutes {
    private final ApiKeyService keys;

    KeyRoutes(ApiKeyService keys) {
        this.keys = keys;
    }

    void register(RouteTable t) {
        t.add("GET", "/keys", this::list)
                .add("POST", "/keys", this::create)
                .add("DELETE", "/keys/{id}", c -> {
                    keys.revoke(c.principal(), c.idParam("id"));
                    return ApiResponse.noContent();
                });
    }

    private ApiResponse list(Call c) {
        List<Bodies.KeyBody> out = new ArrayList<>();
        for (KeyView k : keys.list(c.principal())) {
            out.add(Bodies.KeyBody.of(k));
        }
        return ApiResponse.ok(new Bodies.Keys(out));
    }

    private ApiResponse create(Call c) {
        Bodies.NewKey b = c.body(Bodies.NewKey.class);
        Instant expires = null;
        if (b.expiresAt() != null) {
            try {
                expires = Instant.parse(b.expiresAt());
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("expiresAt", "\"expiresAt\" must be an ISO-8601 instant such as "
                        + "2027-01-31T00:00:00Z");
            }
        }
        Set<String> scripts = b.scripts() == null ? Set.of() : new TreeSet<>(b.scripts());
        CreatedKey k = keys.create(c.principal(), b.name(), Bodies.role(b.role(), "role"), expires, scripts);
        KeyView v = k.info();
        return ApiResponse.created("/api/v1/keys/" + v.id(), new Bodies.CreatedKey(k.key(), v.id(), v.name(),
                v.username(), v.role().id(), v.prefix(), Bodies.text(v.createdAt()), Bodies.text(v.expiresAt()),
                List.copyOf(new TreeSet<>(v.scripts()))));
    }
}
