package io.picloud.manager.impl.rest;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.picloud.http.api.BodyTooLargeException;
import io.picloud.http.api.HttpExchange;

/** The REST API's side of the HTTP server: an {@link ApiRequest} over an exchange, and JSON answers. */
final class ApiExchanges {
    static final String PREFIX = "/api/v1";

    private ApiExchanges() {
    }

    static ExchangeRequest request(HttpExchange exchange) {
        return new ExchangeRequest(exchange);
    }

    /** An {@link ApiRequest} over an exchange that knows whether its body was read. */
    static final class ExchangeRequest implements ApiRequest {
        private final HttpExchange exchange;
        private Map<String, String> query;
        private boolean bodyRead;

        ExchangeRequest(HttpExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public String method() {
            return exchange.method();
        }

        @Override
        public String path() {
            return exchange.path().substring(PREFIX.length());
        }

        @Override
        public String rawPath() {
            String raw = exchange.rawPath();
            return raw != null && raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()) : path();
        }

        @Override
        public String header(String name) {
            return exchange.header(name);
        }

        @Override
        public String query(String name) {
            if (query == null) {
                query = parseQuery(exchange.query());
            }
            return query.get(name);
        }

        @Override
        public byte[] body(int limit) {
            bodyRead = true;
            try {
                return exchange.body(limit);
            } catch (BodyTooLargeException e) {
                throw new ApiException(413, "payload_too_large", "the body is larger than " + limit + " bytes");
            } catch (IOException e) {
                throw ApiException.badRequest("the request body could not be read");
            }
        }

        @Override
        public String remoteAddress() {
            return exchange.remoteAddress();
        }

        /**
         * Reads and drops a body the answer did not need (a 401 or 403 before the body was looked at), up to
         * {@code limit}: a client still sending it would otherwise see the connection closed under it (broken pipe)
         * instead of the answer.
         */
        void discardUnreadBody(int limit) {
            if (!bodyRead && exchange.hasBody()) {
                try {
                    exchange.body(limit);
                } catch (IOException e) {
                    // too large or gone: the server closes the connection as before
                }
            }
        }
    }

    static void respond(HttpExchange exchange, ApiResponse response) throws IOException {
        if (response.body() instanceof ApiResponse.Streamed streamed) {
            streamed.start(exchange);
            return;
        }
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.putIfAbsent("Cache-Control", "no-store"); // a route may allow caching (the OpenAPI document)
        if (response.body() == null) {
            exchange.respond(response.status(), headers, null, null);
            return;
        }
        exchange.respond(response.status(), headers, "application/json; charset=utf-8", Json.write(response.body()));
    }

    /** The first value of each query parameter, decoded. */
    static Map<String, String> parseQuery(String queryString) {
        Map<String, String> query = new HashMap<>();
        if (queryString == null) {
            return query;
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (!key.isEmpty()) {
                query.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return query;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
