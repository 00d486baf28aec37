package io.picloud.manager.impl.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.api.Run;
import io.picloud.api.RunStore;
import io.picloud.api.control.RunService;
import io.picloud.store.json.ConfigJson;

/**
 * Queued runs over the {@link RunService}: {@code POST /scripts/{name}/runs} (202 with {@code Location}; an
 * {@code Idempotency-Key} seen before answers the earlier run with {@code Idempotent-Replayed: true}),
 * {@code /runs/**} and {@code /dead-letters/**}.
 */
final class RunRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final RunService runs;

    RunRoutes(RunService runs) {
        this.runs = runs;
    }

    void register(RouteTable t) {
        t.add("POST", "/scripts/{name}/runs", this::submit)
                .add("GET", "/runs", this::list)
                .add("GET", "/runs/{id}", this::get)
                .add("GET", "/dead-letters", this::deadLetters)
                .add("GET", "/dead-letters/{id}", this::deadLetter)
                .add("POST", "/dead-letters/{id}/replay", this::replay)
                .add("DELETE", "/dead-letters/{id}", this::delete);
    }

    private ApiResponse submit(Call c) {
        JsonNode body = Json.readOrEmpty(c.request(), c.maxBodyBytes(), JsonNode.class, null);
        Map<String, Object> payload = body == null ? Map.of() : ConfigJson.toMap(body);
        RunStore.Submitted s = runs.submit(c.principal(), c.param("name"), payload,
                c.request().header(IDEMPOTENCY_KEY));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", location(s.run().id()));
        if (s.existing()) {
            headers.put(REPLAYED, "true");
        }
        return new ApiResponse(202, headers, new RunBodies.RunAccepted(s.run().id(), s.run().status()));
    }

    private ApiResponse list(Call c) {
        return page(c, runs.list(c.principal(), empty(c.query("script")), empty(c.query("status")), before(c),
                limit(c)));
    }

    private ApiResponse get(Call c) {
        return ApiResponse.ok(RunBodies.RunBody.of(runs.get(c.principal(), id(c))));
    }

    private ApiResponse deadLetters(Call c) {
        String replayed = empty(c.query("replayed"));
        if (replayed != null && !replayed.equals("true") && !replayed.equals("false")) {
            throw ApiException.badRequest("replayed", "replayed must be true or false");
        }
        return page(c, runs.deadLetters(c.principal(), empty(c.query("script")),
                replayed == null ? null : Boolean.valueOf(replayed), before(c), limit(c)));
    }

    private ApiResponse deadLetter(Call c) {
        return ApiResponse.ok(RunBodies.RunBody.of(runs.deadLetter(c.principal(), id(c))));
    }

    /** The body is optional: none (or no {@code payload}) replays the dead letter's own payload. */
    private ApiResponse replay(Call c) {
        RunBodies.ReplayRequest r = Json.readOrEmpty(c.request(), c.maxBodyBytes(), RunBodies.ReplayRequest.class,
                new RunBodies.ReplayRequest(null));
        JsonNode p = r.payload();
        if (p != null && !p.isNull() && !p.isObject()) {
            throw ApiException.badRequest("payload", "the payload must be a JSON object");
        }
        Map<String, Object> payload = p == null || p.isNull() ? null : ConfigJson.toMap(p);
        Run run = runs.replay(c.principal(), id(c), payload);
        return new ApiResponse(202, Map.of("Location", location(run.id())), RunBodies.RunBody.of(run));
    }

    private ApiResponse delete(Call c) {
        runs.delete(c.principal(), id(c));
        return ApiResponse.noContent();
    }

    private static ApiResponse page(Call c, List<Run> found) {
        int limit = limit(c);
        List<RunBodies.RunItem> out = new ArrayList<>();
        for (Run r : found) {
            out.add(RunBodies.RunItem.of(r));
        }
        Long next = out.size() == limit ? out.get(out.size() - 1).id() : null;
        return ApiResponse.ok(new RunBodies.Runs(out, next));
    }

    static String location(long id) {
        return ApiExchanges.PREFIX + "/runs/" + id;
    }

    /** A run id; one that is not a positive number names no run (404, as an unknown id). */
    private static long id(Call c) {
        long id = c.idParam("id");
        if (id <= 0) {
            throw ApiException.notFound("no such id: " + c.param("id"));
        }
        return id;
    }

    private static int limit(Call c) {
        return c.intQuery("limit", DEFAULT_LIMIT, 1, RunService.MAX_LIMIT);
    }

    private static long before(Call c) {
        String raw = empty(c.query("before"));
        if (raw == null) {
            return 0;
        }
        try {
            long v = Long.parseLong(raw);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.badRequest("before", "before must be a run id (a positive integer)");
    }

    private static String empty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
