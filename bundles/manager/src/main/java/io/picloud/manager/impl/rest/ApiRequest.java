package io.picloud.manager.impl.rest;

/** What the REST API needs from an HTTP request (an exchange of PiCloud's HTTP server, or a test's fake). */
interface ApiRequest {
    String method();

    /** The path below {@code /api/v1}, e.g. {@code /scripts/hello}; empty for the root. */
    String path();

    /**
     * {@link #path()} as sent, percent-encoded: routes split it at {@code /} and decode each segment once, so an
     * encoded {@code %2F} stays inside its segment (a kv key {@code a/b}).
     */
    default String rawPath() {
        return path();
    }

    String header(String name);

    /** The first value of a query parameter, decoded; null when absent. */
    String query(String name);

    /** The body, at most {@code limit} bytes; throws a 413 {@link ApiException} when it is longer. */
    byte[] body(int limit);

    /** The address the connection came from. */
    String remoteAddress();
}
