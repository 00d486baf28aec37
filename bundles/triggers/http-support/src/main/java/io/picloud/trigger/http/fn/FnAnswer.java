package io.picloud.trigger.http.fn;

import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ProblemKinds;
import io.picloud.api.ScriptProblem;
import io.picloud.rhai.json.RhaiJson;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code /fn/{name}} answers: status, content type (null without a body), extra headers (never
 * {@code Content-Type} or {@code Content-Length}) and body (empty for none). Built from a script's outcome by
 * {@link #of(ExecutionOutcome, int)} following DESIGN.md §3, or for the endpoint's own errors. Immutable; the one
 * mapping of a script's value to HTTP that {@code /fn} and the dashboard's "try it" share.
 */
public record FnAnswer(int status, String contentType, Map<String, String> headers, byte[] body) {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json";
    static final String BINARY = "application/octet-stream";
    private static final byte[] EMPTY = new byte[0];

    /** The script's value or error as HTTP; a 503 at the concurrency limit says {@code retryAfterSeconds}. */
    public static FnAnswer of(ExecutionOutcome outcome, int retryAfterSeconds) {
        ScriptProblem problem = outcome.problem();
        if (problem != null) {
            return problem(problem, outcome.limitHit(), retryAfterSeconds);
        }
        Object value = outcome.value();
        if (value == null) {
            return new FnAnswer(204, null, Map.of(), EMPTY);
        }
        if (value instanceof String s) {
            return new FnAnswer(200, TEXT, Map.of(), s.getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof Map<?, ?> map && map.get("status") instanceof Number) {
            return response(map);
        }
        if (value instanceof byte[] bytes) {
            return new FnAnswer(200, BINARY, Map.of(), bytes);
        }
        return new FnAnswer(200, JSON, Map.of(), RhaiJson.toBytes(value));
    }

    /** A map with {@code status} and optional {@code headers} and {@code body}: exactly that response. */
    private static FnAnswer response(Map<?, ?> map) {
        Number statusValue = (Number) map.get("status");
        long status = statusValue.longValue();
        if (status < 100 || status > 599 || statusValue.doubleValue() != status) {
            return error(500, "ErrorResponse", "the script answered status " + statusValue
                    + "; a status must be an integer from 100 to 599", 0, 0);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = null;
        if (map.get("headers") instanceof Map<?, ?> given) {
            for (Map.Entry<?, ?> e : given.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    continue;
                }
                String name = e.getKey().toString();
                if (name.equalsIgnoreCase("content-type")) {
                    contentType = e.getValue().toString();
                } else if (!name.equalsIgnoreCase("content-length")) {
                    headers.put(name, e.getValue().toString());
                }
            }
        }
        Object body = map.get("body");
        byte[] bytes;
        if (body == null) {
            bytes = EMPTY;
        } else if (body instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
            contentType = contentType == null ? TEXT : contentType;
        } else if (body instanceof byte[] b) {
            bytes = b;
            contentType = contentType == null ? BINARY : contentType;
        } else {
            bytes = RhaiJson.toBytes(body);
            contentType = contentType == null ? JSON : contentType;
        }
        return new FnAnswer((int) status, contentType, headers, bytes);
    }

    /**
     * A failed run: 503 + Retry-After at the concurrency limit, 504 for the timeout, 508 for the other limits,
     * 500 for script errors; always {@code {"error":{"kind","message","line","column"}}}.
     */
    public static FnAnswer problem(ScriptProblem p, boolean limitHit, int retryAfterSeconds) {
        if (ProblemKinds.CONCURRENCY_LIMIT.equals(p.kind())) {
            FnAnswer a = error(503, p.kind(), p.message(), p.line(), p.column());
            return new FnAnswer(503, JSON, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), a.body());
        }
        int status = !limitHit ? 500 : ProblemKinds.TERMINATED.equals(p.kind()) ? 504 : 508;
        return error(status, p.kind(), p.message(), p.line(), p.column());
    }

    private static FnAnswer error(int status, String kind, String message, int line, int column) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("kind", kind);
        error.put("message", message);
        error.put("line", line);
        error.put("column", column);
        return new FnAnswer(status, JSON, Map.of(), RhaiJson.toBytes(Map.of("error", error)));
    }

    /** The endpoint's own errors: {@code {"error":{"code","message"}}}. */
    public static FnAnswer failure(int status, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return new FnAnswer(status, JSON, Map.of(), RhaiJson.toBytes(Map.of("error", error)));
    }

    /** A script with {@code access = key} called without a usable key (401) or with one that may not call it (403). */
    public static FnAnswer denied(boolean unauthenticated, String name) {
        if (unauthenticated) {
            FnAnswer a = failure(401, "unauthorized", "script '" + name + "' needs an API key: "
                    + "Authorization: Bearer <key> or ?key=<key>");
            return new FnAnswer(401, JSON, Map.of("WWW-Authenticate", "Bearer realm=\"picloud\""), a.body());
        }
        return failure(403, "forbidden", "this API key may not call script '" + name + "'");
    }

    public static FnAnswer notFound(String name) {
        return failure(404, "not_found", "no script named '" + name + "'");
    }

    /** 429 {@code rate_limited} with {@code Retry-After}: the script's rate limit refused the call. */
    public static FnAnswer rateLimited(String name, long retryAfterSeconds) {
        FnAnswer a = failure(429, "rate_limited", "script '" + name + "' is called more often than its rate limit "
                + "allows; retry after " + retryAfterSeconds + " s");
        return new FnAnswer(429, JSON, Map.of("Retry-After", Long.toString(retryAfterSeconds)), a.body());
    }

    public static FnAnswer tooLarge(long maxBytes) {
        return failure(413, "payload_too_large", "the request body is larger than " + maxBytes + " bytes");
    }

    public static FnAnswer unavailable(int retryAfterSeconds) {
        FnAnswer a = failure(503, "unavailable", "the script store is unavailable; retry later");
        return new FnAnswer(503, JSON, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), a.body());
    }
}
