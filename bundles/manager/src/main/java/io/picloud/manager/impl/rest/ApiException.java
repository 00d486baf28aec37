package io.picloud.manager.impl.rest;

import java.util.Map;

/** An HTTP-level refusal (405, 413, 415, 401 ...) raised by the REST layer itself; never escapes it. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final String field;
    final Map<String, String> headers;

    ApiException(int status, String code, String message) {
        this(status, code, message, null, Map.of());
    }

    ApiException(int status, String code, String message, String field, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.headers = headers;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    static ApiException badRequest(String field, String message) {
        return new ApiException(400, "bad_request", message, field, Map.of());
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    static ApiException methodNotAllowed(String method, String allow) {
        return new ApiException(405, "method_not_allowed", method + " is not allowed here; use " + allow, null,
                Map.of("Allow", allow));
    }
}
