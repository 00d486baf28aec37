package io.picloud.manager.impl;

import java.util.List;
import java.util.Map;

/** A client error with its HTTP status and the JSON {@code error.code}; thrown inside the API, never escapes it. */
final class ApiException extends RuntimeException {
    final int status;
    final String code;
    final Map<String, String> headers;
    final List<Map<String, Object>> details;

    ApiException(int status, String code, String message) {
        this(status, code, message, Map.of(), null);
    }

    ApiException(int status, String code, String message, Map<String, String> headers,
                 List<Map<String, Object>> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = headers;
        this.details = details;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    static ApiException methodNotAllowed(String method, String allow) {
        return new ApiException(405, "method_not_allowed", method + " is not allowed here; use " + allow,
                Map.of("Allow", allow), null);
    }
}
