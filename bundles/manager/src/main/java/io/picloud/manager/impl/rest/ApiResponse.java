package io.picloud.manager.impl.rest;

import java.util.Map;

import java.io.IOException;

import io.picloud.http.api.HttpExchange;

/**
 * Status, extra headers and a body that Jackson writes as JSON (null for none, as with 204), or a {@link Streamed}
 * body that answers the exchange itself (the live tail).
 */
record ApiResponse(int status, Map<String, String> headers, Object body) {
    /** A body that is not JSON: it starts its own answer on the exchange (and may go on after the call). */
    interface Streamed {
        void start(HttpExchange exchange) throws IOException;
    }

    static ApiResponse streamed(Streamed body) {
        return new ApiResponse(200, Map.of(), body);
    }

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
