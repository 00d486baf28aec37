package io.picloud.manager.impl.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.picloud.api.InvocationId;
import io.picloud.api.InvocationQuery;
import io.picloud.api.InvocationRecord;
import io.picloud.api.control.InvocationService;

/**
 * {@code /invocations/**} and {@code /scripts/{name}/invocations} over the {@link InvocationService}: lists with
 * filters, newest first and paged by {@code before}; one run by id; the live tail ({@link LiveTail}).
 */
final class InvocationRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    static final Set<String> STATUSES = Set.of("ok", "error", "limit");

    private final InvocationService invocations;
    private final LiveTail tail;

    InvocationRoutes(InvocationService invocations, LiveTail tail) {
        this.invocations = invocations;
        this.tail = tail;
    }

    void register(RouteTable t) {
        t.add("GET", "/invocations", c -> list(c, c.query("script")))
                .add("GET", "/invocations/stream", this::stream) // before {id}: the first match wins
                .add("GET", "/invocations/{id}", this::get)
                .add("GET", "/scripts/{name}/invocations", c -> list(c, c.param("name")));
    }

    private ApiResponse list(Call c, String script) {
        int limit = c.intQuery("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = c.intQuery("offset", 0, 0, Integer.MAX_VALUE);
        String status = empty(c.query("status"));
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest("status", "status must be ok, error or limit");
        }
        String before = empty(c.query("before"));
        InvocationId cursor = InvocationId.parse(before);
        if (before != null && cursor == null) {
            throw ApiException.badRequest("before", "before must be an invocation id such as 12.3");
        }
        InvocationQuery q = new InvocationQuery(empty(script), status, empty(c.query("trigger")),
                time(c, "since"), time(c, "until"), cursor, null, limit, offset);
        List<Bodies.InvocationItem> out = new ArrayList<>();
        for (InvocationRecord r : invocations.list(c.principal(), q)) {
            out.add(Bodies.InvocationItem.of(r));
        }
        String next = out.size() == limit ? out.get(out.size() - 1).id() : null;
        return ApiResponse.ok(new Bodies.Invocations(limit, offset, out, next));
    }

    private ApiResponse get(Call c) {
        return ApiResponse.ok(Bodies.InvocationItem.of(invocations.get(c.principal(), c.param("id"))));
    }

    /** A reconnecting EventSource sends the last id it saw: the runs since then come first. */
    private ApiResponse stream(Call c) {
        return tail.open(c.principal(), empty(c.query("script")),
                InvocationId.parse(c.request().header("Last-Event-ID")));
    }

    private static Instant time(Call c, String name) {
        String raw = empty(c.query(name));
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, name + " must be an ISO-8601 time such as 2026-12-03T15:00:00Z");
        }
    }

    private static String empty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
