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
        TestHttpServer test = new TestHttpServer(new JettyHttpServer(JettyHttpServerTest.config()));
        test.server.addEndpoint(endpoint, Map.of(HttpEndpoint.PREFIX, prefix));
        return test;
    }

    /** Serves one more endpoint. */
    public TestHttpServer and(String prefix, HttpEndpoint endpoint) {
        server.addEndpoint(endpoint, Map.of(HttpEndpoint.PREFIX, prefix));
        return this;
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
