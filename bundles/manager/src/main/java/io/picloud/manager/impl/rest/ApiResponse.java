package io.picloud.manager.impl.rest;

import java.util.Map;

/** Status, extra headers and a body that Jackson writes as JSON (null for none, as with 204). */
record ApiResponse(int status, Map<String, String> headers, Object body) {
    static ApiResponse ok(Object body) {
        return new ApiResponse(200, Map.of(), body);
    }

    static ApiResponse created(String location, Object body) {
        return new ApiResponse(201, Map.of("Location", location), body);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), null);
    }
}
