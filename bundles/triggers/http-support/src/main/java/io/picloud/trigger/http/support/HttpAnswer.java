package io.picloud.trigger.http.support;

import io.picloud.rhai.json.RhaiJson;
import io.picloud.trigger.api.TriggerResult;
import io.picloud.http.api.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP answer: status, content type (null without a body), body bytes (null for none) and extra headers.
 *
 * @param headers extra headers, never {@code Content-Type} or {@code Content-Length}
 */
public record HttpAnswer(int status, String contentType, byte[] bytes, Map<String, String> headers) {
    /** The response header that names the run in the invocation log (its ref), for a caller to find it. */
    public static final String INVOCATION_HEADER = "X-PiCloud-Invocation";
    /** Seconds a client is told to wait before retrying a 503. */
    public static final String RETRY_AFTER_SECONDS = "5";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json";
    static final String BINARY = "application/octet-stream";

    public HttpAnswer {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** An answer with a text body (UTF-8; null for none). */
    public HttpAnswer(int status, String contentType, String body, Map<String, String> headers) {
        this(status, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** The body as UTF-8 text; null when there is none. */
    public String body() {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** A JSON error {@code {"error":{"code","message"}}}; a 503 carries {@code Retry-After}. */
    public static HttpAnswer error(int status, String code, String message) {
        return error(status, code, message, Map.of());
    }

    /** A JSON error with extra headers (e.g. {@code Allow} on a 405). */
    public static HttpAnswer error(int status, String code, String message, Map<String, String> headers) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (status == 503) {
            all.putIfAbsent("Retry-After", RETRY_AFTER_SECONDS);
        }
        return new HttpAnswer(status, JSON, RhaiJson.toJson(Map.of("error", error)), all);
    }

    /** 503 {@code unavailable} with {@code Retry-After}: the client may try again shortly. */
    public static HttpAnswer unavailable(String message) {
        return error(503, "unavailable", message);
    }

    /**
     * The script's result as HTTP (DESIGN.md §3, as {@code /fn/{name}}): a string is 200 text, a map or array 200
     * JSON, {@code ()} 204, a map with a {@code status} (100..599) exactly that status with its {@code headers} and
     * {@code body}; a missing script 404, a platform that cannot run it now 503, a call refused by the script's rate
     * limit 429 {@code rate_limited} with {@code Retry-After}, a script error 500 with its kind and position. A
     * result naming its run carries {@link #INVOCATION_HEADER}.
     */
    public static HttpAnswer of(TriggerResult result) {
        HttpAnswer answer = answerOf(result);
        if (result.invocation() == null) {
            return answer;
        }
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put(INVOCATION_HEADER, result.invocation());
        return new HttpAnswer(answer.status(), answer.contentType(), answer.bytes(), headers);
    }

    private static HttpAnswer answerOf(TriggerResult result) {
        if (!result.succeeded()) {
            if (TriggerResult.SCRIPT_NOT_FOUND.equals(result.errorKind())) {
                return error(404, "script_not_found", result.message());
            }
            if (TriggerResult.UNAVAILABLE.equals(result.errorKind())) {
                return unavailable(result.message());
            }
            if (TriggerResult.RATE_LIMITED.equals(result.errorKind())) {
                long seconds = result.value() instanceof Number n ? Math.max(1, n.longValue()) : 1;
                return error(429, "rate_limited", result.message(), Map.of("Retry-After", Long.toString(seconds)));
            }
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("kind", result.errorKind());
            error.put("message", result.message());
            error.put("line", result.line());
            error.put("column", result.column());
            return new HttpAnswer(500, JSON, RhaiJson.toJson(Map.of("error", error)), Map.of());
        }
        Object value = result.value();
        if (value == null) {
            return new HttpAnswer(204, null, (byte[]) null, Map.of());
        }
        if (value instanceof String text) {
            return new HttpAnswer(200, TEXT, text, Map.of());
        }
        if (value instanceof Map<?, ?> map && map.get("status") instanceof Number status) {
            int code = status.intValue();
            if (code >= 100 && code <= 599) {
                return custom(code, map);
            }
        }
        if (value instanceof Map || value instanceof List) {
            return new HttpAnswer(200, JSON, RhaiJson.toJson(value), Map.of());
        }
        if (value instanceof byte[] blob) {
            return new HttpAnswer(200, BINARY, blob, Map.of()); // as /fn answers a BLOB, not its Java name
        }
        return new HttpAnswer(200, TEXT, String.valueOf(value), Map.of());
    }

    /** {@code #{status, headers, body}}: a script's own Content-Type header wins over the one its body implies. */
    private static HttpAnswer custom(int code, Map<?, ?> map) {
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = null;
        if (map.get("headers") instanceof Map<?, ?> h) {
            for (Map.Entry<?, ?> e : h.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (name.equalsIgnoreCase("content-type")) {
                    contentType = String.valueOf(e.getValue());
                } else if (!name.equalsIgnoreCase("content-length")) {
                    headers.put(name, String.valueOf(e.getValue()));
                }
            }
        }
        Object body = map.get("body");
        if (body == null) {
            return new HttpAnswer(code, contentType, (byte[]) null, headers);
        }
        if (body instanceof String text) {
            return new HttpAnswer(code, contentType != null ? contentType : TEXT, text, headers);
        }
        if (body instanceof byte[] blob) {
            return new HttpAnswer(code, contentType != null ? contentType : BINARY, blob, headers);
        }
        return new HttpAnswer(code, contentType != null ? contentType : JSON, RhaiJson.toJson(body), headers);
    }

    /** Sends this answer. */
    public void send(HttpExchange exchange) throws IOException {
        exchange.respond(status, headers, contentType, bytes);
    }
}
