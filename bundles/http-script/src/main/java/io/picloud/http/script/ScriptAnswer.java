package io.picloud.http.script;

import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ProblemKinds;
import io.picloud.api.ScriptProblem;
import io.picloud.http.api.HttpExchange;
import io.picloud.rhai.json.RhaiJson;
import io.picloud.trigger.api.TriggerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A script's value or error as an HTTP answer (DESIGN.md §3), the one mapping that {@code /fn/{name}}, http routes,
 * webhooks and the dashboard's "try it" share: status, content type (null without a body), extra headers (never
 * {@code Content-Type} or {@code Content-Length}) and body (empty for none).
 *
 * <ul>
 *   <li>a string: 200 {@code text/plain; charset=utf-8}; a blob: 200 {@code application/octet-stream} with its
 *       bytes; {@code ()}: 204 without a body; any other value (map, array, number, bool): 200
 *       {@code application/json};</li>
 *   <li>a map with a numeric {@code status}: exactly that status (an integer 100..599, else a 500
 *       {@code ErrorResponse}), its {@code headers} and its {@code body} (typed as above unless the headers name a
 *       {@code Content-Type});</li>
 *   <li>a script error: {@code {"error":{"kind","message","line","column"}}} with 500, 504 for the time limit, 508
 *       for the other limits, 503 with {@code Retry-After} at the concurrency limit;</li>
 *   <li>a value that cannot be written as JSON (nested more deeply than the JSON writer allows): 500
 *       {@code ErrorDataTooLarge}, logged at most once a minute per script;</li>
 *   <li>the endpoint's own errors ({@link #failure}): {@code {"error":{"code","message"}}}.</li>
 * </ul>
 * Immutable; the body array is shared, not copied. Stateless factories, thread-safe.
 *
 * @param headers extra headers, never {@code Content-Type} or {@code Content-Length}
 * @param body    the body bytes, empty (never null) for none
 */
public record ScriptAnswer(int status, String contentType, Map<String, String> headers, byte[] body) {
    /** The response header that names the run in the invocation log (its ref), for a caller to find it. */
    public static final String INVOCATION_HEADER = "X-PiCloud-Invocation";
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json";
    public static final String BINARY = "application/octet-stream";
    /** The kind of the 500 for a value that cannot be written as JSON (too deeply nested). */
    public static final String TOO_DEEP_KIND = "ErrorDataTooLarge";
    /**
     * The error kinds that are sandbox limits rather than script bugs (508; {@code ErrorTerminated} 504), for
     * results that do not say so themselves ({@link TriggerResult}).
     */
    public static final Set<String> LIMIT_KINDS = Set.of("ErrorTooManyOperations", "ErrorStackOverflow",
            "ErrorDataTooLarge", "ErrorTooManyVariables", "ErrorTooManyModules", ProblemKinds.TERMINATED);

    private static final Logger logger = LoggerFactory.getLogger(ScriptAnswer.class);
    private static final byte[] EMPTY = new byte[0];
    /** Who answered a value too deep for JSON lately: one log line a minute each. Replaced by tests. */
    static volatile LogLimiter tooDeepLog = LogLimiter.perMinute();

    public ScriptAnswer {
        headers = headers == null ? Map.of() : headers;
        body = body == null ? EMPTY : body;
    }

    /**
     * A run's outcome as HTTP.
     *
     * @param retryAfterSeconds what a 503 at the concurrency limit says in {@code Retry-After}
     * @param script            the script's name, for the log line of a value that cannot be answered
     */
    public static ScriptAnswer of(ExecutionOutcome outcome, int retryAfterSeconds, String script) {
        ScriptProblem p = outcome.problem();
        if (p != null) {
            return problem(p.kind(), p.message(), p.line(), p.column(), outcome.limitHit(), retryAfterSeconds);
        }
        return value(outcome.value(), script);
    }

    /**
     * A fired binding's result as HTTP, named by its run ({@link #INVOCATION_HEADER}) when it has one: as
     * {@link #of(ExecutionOutcome, int, String)}, and for the platform's own kinds a missing script is 404
     * {@code script_not_found}, a platform that cannot run it now 503 {@code unavailable}, a call refused by the
     * script's rate limit 429 {@code rate_limited}, both with {@code Retry-After}.
     *
     * @param who names the binding in the log line of a value that cannot be answered
     */
    public static ScriptAnswer of(TriggerResult result, int retryAfterSeconds, String who) {
        ScriptAnswer answer;
        String kind = result.errorKind();
        if (kind == null) {
            answer = value(result.value(), who);
        } else if (TriggerResult.SCRIPT_NOT_FOUND.equals(kind)) {
            answer = failure(404, "script_not_found", result.message());
        } else if (TriggerResult.UNAVAILABLE.equals(kind)) {
            answer = unavailable(result.message(), retryAfterSeconds);
        } else if (TriggerResult.RATE_LIMITED.equals(kind)) {
            long seconds = result.value() instanceof Number n ? Math.max(1, n.longValue()) : 1;
            answer = failure(429, "rate_limited", result.message(), Map.of("Retry-After", Long.toString(seconds)));
        } else {
            answer = problem(kind, result.message(), result.line(), result.column(), LIMIT_KINDS.contains(kind),
                    retryAfterSeconds);
        }
        return answer.withInvocation(result.invocation());
    }

    /** A script's value as HTTP; {@code script} names it in the log line of a value that cannot be answered. */
    public static ScriptAnswer value(Object value, String script) {
        if (value == null) {
            return new ScriptAnswer(204, null, Map.of(), EMPTY);
        }
        if (value instanceof String s) {
            return new ScriptAnswer(200, TEXT, Map.of(), s.getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof byte[] bytes) {
            return new ScriptAnswer(200, BINARY, Map.of(), bytes);
        }
        if (value instanceof Map<?, ?> map && map.get("status") instanceof Number) {
            return response(map, script);
        }
        byte[] json = json(value, script);
        return json == null ? tooDeep() : new ScriptAnswer(200, JSON, Map.of(), json);
    }

    /** A map with {@code status} and optional {@code headers} and {@code body}: exactly that response. */
    private static ScriptAnswer response(Map<?, ?> map, String script) {
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
            bytes = json(body, script);
            if (bytes == null) {
                return tooDeep();
            }
            contentType = contentType == null ? JSON : contentType;
        }
        return new ScriptAnswer((int) status, contentType, headers, bytes);
    }

    /** The value as JSON; null (logged at most once a minute per script) when it is nested too deeply. */
    private static byte[] json(Object value, String script) {
        try {
            return RhaiJson.toBytes(value);
        } catch (UncheckedIOException | StackOverflowError e) {
            // the JSON writer's nesting limit (UncheckedIOException), or a stack too small for even that depth
            if (tooDeepLog.allow(script)) {
                logger.warn("Script '{}' answered a value nested too deeply to write as JSON: answered 500 {} "
                        + "(logged at most once a minute per script)", script, TOO_DEEP_KIND);
            }
            return null;
        }
    }

    private static ScriptAnswer tooDeep() {
        return error(500, TOO_DEEP_KIND, "the script's value is nested too deeply to answer as JSON "
                + "(at most 1000 levels of arrays and maps)", 0, 0);
    }

    /**
     * A failed run: 503 + Retry-After at the concurrency limit, 504 for the time limit, 508 for the other limits,
     * 500 for script errors; always {@code {"error":{"kind","message","line","column"}}}.
     */
    public static ScriptAnswer problem(String kind, String message, int line, int column, boolean limitHit,
                                       int retryAfterSeconds) {
        if (ProblemKinds.CONCURRENCY_LIMIT.equals(kind)) {
            return error(503, kind, message, line, column).withHeader("Retry-After",
                    Integer.toString(retryAfterSeconds));
        }
        int status = !limitHit ? 500 : ProblemKinds.TERMINATED.equals(kind) ? 504 : 508;
        return error(status, kind, message, line, column);
    }

    private static ScriptAnswer error(int status, String kind, String message, int line, int column) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("kind", kind);
        error.put("message", message);
        error.put("line", line);
        error.put("column", column);
        return new ScriptAnswer(status, JSON, Map.of(), RhaiJson.toBytes(Map.of("error", error)));
    }

    /** The endpoint's own errors: {@code {"error":{"code","message"}}}. */
    public static ScriptAnswer failure(int status, String code, String message) {
        return failure(status, code, message, Map.of());
    }

    /** The endpoint's own errors with extra headers (e.g. {@code Allow} on a 405). */
    public static ScriptAnswer failure(int status, String code, String message, Map<String, String> headers) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return new ScriptAnswer(status, JSON, headers, RhaiJson.toBytes(Map.of("error", error)));
    }

    /** 503 {@code unavailable} with {@code Retry-After}: the client may try again shortly. */
    public static ScriptAnswer unavailable(String message, int retryAfterSeconds) {
        return failure(503, "unavailable", message, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /**
     * A script with {@code access = key} called without a usable key (401 with {@code WWW-Authenticate}) or with
     * one that may not call it (403).
     *
     * @param subject what was called, e.g. {@code "script 'hello'"} or {@code "this route's script"}
     */
    public static ScriptAnswer denied(boolean unauthenticated, String subject) {
        if (unauthenticated) {
            return failure(401, "unauthorized", subject + " needs an API key: "
                    + "Authorization: Bearer <key> or ?key=<key>", Map.of("WWW-Authenticate", "Bearer realm=\"picloud\""));
        }
        return failure(403, "forbidden", "this API key may not call " + subject);
    }

    /** 404 {@code not_found}: {@code /fn/{name}} names no script. */
    public static ScriptAnswer notFound(String name) {
        return failure(404, "not_found", "no script named '" + name + "'");
    }

    /** 429 {@code rate_limited} with {@code Retry-After}: the script's rate limit refused the call. */
    public static ScriptAnswer rateLimited(String name, long retryAfterSeconds) {
        return failure(429, "rate_limited", "script '" + name + "' is called more often than its rate limit "
                + "allows; retry after " + retryAfterSeconds + " s", Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /** 413 {@code payload_too_large}. */
    public static ScriptAnswer tooLarge(long maxBytes) {
        return failure(413, "payload_too_large", "the request body is larger than " + maxBytes + " bytes");
    }

    /** This answer with one more header. */
    public ScriptAnswer withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new ScriptAnswer(status, contentType, all, body);
    }

    /**
     * This answer naming the run that produced it ({@link #INVOCATION_HEADER}, the run's ref in the invocation
     * log); unchanged for a null ref.
     */
    public ScriptAnswer withInvocation(String ref) {
        return ref == null ? this : withHeader(INVOCATION_HEADER, ref);
    }

    /** The body as UTF-8 text ({@code ""} for none). */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Sends this answer. */
    public void send(HttpExchange exchange) throws IOException {
        exchange.respond(status, headers, contentType, body);
    }
}
