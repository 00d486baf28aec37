package io.picloud.http.api;

import java.io.IOException;

/**
 * Serves every request under one path prefix. Register it as an OSGi service with the {@link #PREFIX} property, e.g.
 * {@code picloud.http.prefix=/fn}; prefixes start with {@code /}, have no trailing {@code /}, and the longest one that
 * matches a path wins ({@code /fn} matches {@code /fn} and {@code /fn/hello}, never {@code /fnord}). The root prefix
 * {@code /} (the dashboard's) matches every path that no other prefix matches; its path within the prefix is the whole
 * path.
 */
@FunctionalInterface
public interface HttpEndpoint {
    /** Service property: the path prefix this endpoint serves, or several ({@code String[]}). */
    String PREFIX = "picloud.http.prefix";

    /**
     * Answers one request. Called concurrently; must call {@link HttpExchange#respond} exactly once.
     *
     * @throws IOException when the client went away while reading or answering
     */
    void handle(HttpExchange exchange) throws IOException;

    /**
     * Answers the request right away on the server's I/O thread, if this endpoint can do so without blocking and
     * within a few tens of microseconds; otherwise returns false without answering, and {@link #handle} is called on
     * a worker thread. Answering inline saves the hand-over to a worker, the largest fixed cost of a small request.
     * The default never answers inline.
     *
     * @return true when answered (through {@link HttpExchange#respond}, exactly once)
     * @throws IOException when the client went away while answering
     */
    default boolean handleInline(HttpExchange exchange) throws IOException {
        return false;
    }
}
