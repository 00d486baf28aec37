package io.picloud.fn.impl;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.picloud.api.Event;
import io.picloud.api.RunRequest;
import io.picloud.api.RunStore;
import io.picloud.api.StoreUnavailableException;
import io.picloud.rhai.json.RhaiJson;
import io.picloud.http.api.HttpExchange;
import io.picloud.http.script.ScriptAnswer;

/**
 * {@code /fn/{name}} with {@code Prefer: respond-async} (RFC 7240): the request map is queued as a run instead of
 * run now, and the answer is {@code 202 {"id","status"}} with {@code Location: /api/v1/runs/{id}} and
 * {@code Preference-Applied: respond-async}. An {@code Idempotency-Key} seen for the script within 24 h answers the
 * earlier run with {@code Idempotent-Replayed: true}. GET and HEAD are never queued (they are safe: a client
 * expects their answer), so there the preference is ignored, as RFC 7240 allows.
 */
final class AsyncRuns {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;

    private final RunStore runs;

    AsyncRuns(RunStore runs) {
        this.runs = runs;
    }

    /** Whether the request asks to be queued: a {@code Prefer} with {@code respond-async}, not GET or HEAD. */
    static boolean requested(HttpExchange exchange) {
        String method = exchange.method();
        if (method == null || method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD")) {
            return false;
        }
        String prefer = exchange.header("Prefer");
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String token = preference.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (token.equals("respond-async")) {
                return true;
            }
        }
        return false;
    }

    /** Queues {@code event} (trigger {@code http}, source the path); 404 for an unknown script, 503 while away. */
    ScriptAnswer submit(HttpExchange exchange, Event event, int retryAfterSeconds) {
        String key = exchange.header(IDEMPOTENCY_KEY);
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH
                || key.chars().anyMatch(Character::isISOControl))) {
            return ScriptAnswer.failure(400, "invalid_idempotency_key", "an Idempotency-Key is 1 to " + MAX_KEY_LENGTH
                    + " characters without control characters");
        }
        Optional<RunStore.Submitted> submitted;
        try {
            submitted = runs.submit(new RunRequest(event.script(), event.type(), event.source(), null,
                    event.payload(), key, null, event.time()));
        } catch (StoreUnavailableException e) {
            return ScriptAnswer.unavailable(FnEndpoint.STORE_AWAY, retryAfterSeconds);
        }
        if (submitted.isEmpty()) {
            return ScriptAnswer.notFound(event.script());
        }
        RunStore.Submitted s = submitted.get();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", "/api/v1/runs/" + s.run().id());
        headers.put("Preference-Applied", "respond-async");
        if (s.existing()) {
            headers.put("Idempotent-Replayed", "true");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", s.run().id());
        body.put("status", s.run().status());
        return new ScriptAnswer(202, ScriptAnswer.JSON, headers, RhaiJson.toBytes(body));
    }
}
