package io.picloud.http.server.impl;

import io.picloud.http.api.HttpEndpoint;

import java.util.Map;

/**
 * PiCloud's real HTTP server on a free loopback port, for other bundles' tests of their endpoints (this module's
 * test-jar). Close it to stop the server.
 */
public final class TestHttpServer implements AutoCloseable {
    private final JettyHttpServer server;

    private TestHttpServer(JettyHttpServer server) {
        this.server = server;
    }

    public static TestHttpServer serving(String prefix, HttpEndpoint endpoint) throws Exception {
        return configured(Map.of()).and(prefix, endpoint);
    }

    /**
     * A server serving nothing yet, with some settings of {@code io.picloud.http} changed (by attribute name, e.g.
     * {@code "bodyReadTimeoutMillis", 1000L}); the others as in {@link #serving}.
     */
    public static TestHttpServer configured(Map<String, Object> settings) throws Exception {
        return new TestHttpServer(new JettyHttpServer(JettyHttpServerTest.config(settings)));
    }

    /** Serves one more endpoint. */
    public TestHttpServer and(String prefix, HttpEndpoint endpoint) {
        server.addEndpoint(endpoint, Map.of(HttpEndpoint.PREFIX, prefix));
        return this;
    }

    /** The loopback port it listens on. */
    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String base() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
