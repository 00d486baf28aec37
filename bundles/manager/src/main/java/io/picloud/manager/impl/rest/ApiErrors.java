package io.picloud.manager.impl.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.picloud.api.StoreUnavailableException;
import io.picloud.api.control.OperationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error mapper of {@code /api/v1}: every failure becomes {@code {"error":{"code","message",...}}} with a
 * 4xx status for the caller's mistakes, 503 while the database is away, and a bare 500 (details only in the log)
 * for anything else. Never a Java class name or stack trace.
 */
final class ApiErrors {
    static final String RETRY_AFTER_SECONDS = "5";
    static final String CHALLENGE = "Bearer realm=\"picloud\"";
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    static ApiResponse map(RuntimeException e, String method, String path) {
        if (e instanceof OperationException oe) {
            return operation(oe);
        }
        if (e instanceof ApiException ae) {
            return body(ae.status, ae.headers, ae.code, ae.getMessage(), ae.field, null);
        }
        if (e instanceof StoreUnavailableException) {
            return body(503, Map.of("Retry-After", RETRY_AFTER_SECONDS), "unavailable",
                    "the database is unavailable; try again later", null, null);
        }
        LOG.error("Internal error on {} /api/v1{}: {}", method, path, e.toString());
        LOG.debug("Internal error details", e);
        return body(500, Map.of(), "internal", "internal error", null, null);
    }

    private static ApiResponse operation(OperationException e) {
        Map<String, String> headers = Map.of();
        int status = switch (e.kind()) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> {
                headers = Map.of("WWW-Authenticate", CHALLENGE);
                yield 401;
            }
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNPROCESSABLE -> 422;
            case TOO_MANY -> {
                headers = Map.of("Retry-After", Long.toString(Math.max(1, e.retryAfterSeconds())));
                yield 429;
            }
            case UNAVAILABLE -> {
                headers = e.retryAfterSeconds() > 0 ? Map.of("Retry-After", Long.toString(e.retryAfterSeconds()))
                        : Map.of();
                yield 503;
            }
        };
        return body(status, headers, e.code(), e.getMessage(), e.field(), e.details());
    }

    static ApiResponse body(int status, Map<String, String> headers, String code, String message, String field,
                            List<Map<String, Object>> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        if (details != null) {
            error.put("details", details);
        }
        return new ApiResponse(status, headers, Map.of("error", error));
    }
}
