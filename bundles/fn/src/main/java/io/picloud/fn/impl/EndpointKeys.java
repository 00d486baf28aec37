package io.picloud.fn.impl;

import io.picloud.http.api.HttpExchange;

/** The API key a caller sent to a script endpoint: {@code Authorization: Bearer <key>}, else {@code ?key=<key>}. */
final class EndpointKeys {
    private EndpointKeys() {
    }

    /** Null when none was sent. */
    static String of(HttpExchange exchange) {
        String auth = exchange.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = auth.substring(7).strip();
            return key.isEmpty() ? null : key;
        }
        String query = exchange.query();
        if (query == null || !query.contains("key=")) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("key=")) {
                try {
                    return java.net.URLDecoder.decode(pair.substring(4), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return pair.substring(4);
                }
            }
        }
        return null;
    }
}
