package io.picloud.manager.impl.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.api.KvStore;
import io.picloud.api.control.KvService;

/**
 * {@code /kv/**} over the {@link KvService}: a namespace's entries, and one entry by key. The key is the last path
 * segment, percent-decoded once ({@code /kv/shop/cart%2F42} is the key {@code cart/42}); a PUT's body is the value
 * as JSON, with an optional {@code ?ttl=} in seconds.
 */
final class KvRoutes {
    static final int DEFAULT_LIMIT = 100;
    private final KvService kv;

    KvRoutes(KvService kv) {
        this.kv = kv;
    }

    void register(RouteTable t) {
        t.add("GET", "/kv/{namespace}", this::list)
                .add("GET", "/kv/{namespace}/{key}", this::get)
                .add("PUT", "/kv/{namespace}/{key}", this::put)
                .add("DELETE", "/kv/{namespace}/{key}", this::delete);
    }

    /** One entry as answered: the value as JSON, times as ISO-8601 text ({@code expiresAt} null: never). */
    record Item(String key, JsonNode value, String expiresAt, String updatedAt) {
        static Item of(KvStore.Entry e) {
            try {
                return new Item(e.key(), Json.MAPPER.readTree(e.json()), Bodies.text(e.expiresAt()),
                        Bodies.text(e.updatedAt()));
            } catch (IOException ex) {
                throw new IllegalStateException("a stored kv value is not JSON", ex);
            }
        }
    }

    record Listing(String namespace, String prefix, int limit, List<Item> entries) {
    }

    private ApiResponse list(Call c) {
        String prefix = c.query("prefix") == null ? "" : c.query("prefix");
        int limit = c.intQuery("limit", DEFAULT_LIMIT, 1, KvService.MAX_LIST);
        List<Item> out = new ArrayList<>();
        for (KvStore.Entry e : kv.list(c.principal(), c.param("namespace"), prefix, limit)) {
            out.add(Item.of(e));
        }
        return ApiResponse.ok(new Listing(c.param("namespace"), prefix, limit, out));
    }

    private ApiResponse get(Call c) {
        return ApiResponse.ok(Item.of(kv.get(c.principal(), c.param("namespace"), c.param("key"))));
    }

    private ApiResponse put(Call c) {
        String contentType = c.request().header("Content-Type");
        if (contentType != null && !contentType.isBlank()
                && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "send the value as application/json");
        }
        Long ttl = null;
        String rawTtl = c.query("ttl");
        if (rawTtl != null && !rawTtl.isEmpty()) {
            try {
                ttl = Long.parseLong(rawTtl);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("ttl", "ttl must be a whole number of seconds");
            }
        }
        String body = new String(c.request().body(c.maxBodyBytes()), StandardCharsets.UTF_8);
        return ApiResponse.ok(Item.of(kv.put(c.principal(), c.param("namespace"), c.param("key"), body, ttl)));
    }

    private ApiResponse delete(Call c) {
        kv.delete(c.principal(), c.param("namespace"), c.param("key"));
        return ApiResponse.noContent();
    }
}
