package io.picloud.http.server.impl;

import io.picloud.http.api.HttpEndpoint;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * PiCloud's HTTP server: one Jetty 12 server on the configured port that serves every {@link HttpEndpoint} service
 * by its prefix. Endpoints are bound and unbound while the server runs; a configuration change restarts the server
 * (DS deactivates and activates this component), letting requests in flight finish first.
 */
@Component(service = {}, immediate = true, configurationPid = HttpServerConfig.PID)
@Designate(ocd = HttpServerConfig.class)
public class JettyHttpServer {
    private static final Logger logger = LoggerFactory.getLogger(JettyHttpServer.class);
    /**
     * This bundle logs through java.util.logging (see the pom), whose levels Karaf sets from the root logger
     * (WARN): PiCloud's own lines here are INFO like the rest of {@code io.picloud}; Jetty's stay at WARN. Held so
     * that java.util.logging, which keeps loggers weakly, does not forget the level.
     */
    private static final java.util.logging.Logger PICLOUD_JUL = picloudLevel();

    private final EndpointRoutes routes = new EndpointRoutes();
    private final Server server;
    private final ServerConnector connector;
    private final EndpointHandler endpoints;

    @Activate
    public JettyHttpServer(HttpServerConfig config) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(4, config.maxThreads()),
                Math.max(1, Math.min(config.minThreads(), config.maxThreads())));
        threads.setName("picloud-http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // an encoded "/" may be data inside one path segment (http routes and kv keys match the raw path per
        // segment); routing goes by the canonical path, where it stays encoded (EndpointHandler, PathGuard)
        http.setUriCompliance(UriCompliance.DEFAULT.with("picloud", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        http.setRequestHeaderSize(Math.max(1024, config.requestHeaderSize()));
        int responseHeaders = Math.max(1024, config.responseHeaderSize());
        http.setResponseHeaderSize(Math.min(http.getResponseHeaderSize(), responseHeaders)); // the first buffer
        http.setMaxResponseHeaderSize(responseHeaders);
        // Jetty's default is one selector per two cores; scripts that answer inline do their work on these threads
        int selectors = config.selectors() > 0 ? config.selectors() : Runtime.getRuntime().availableProcessors();
        connector = new ServerConnector(server, 1, selectors, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeoutMillis());
        server.addConnector(connector);
        endpoints = new EndpointHandler(routes, threads, BodyLimits.of(config, threads.getMaxThreads()));
        server.setHandler(new GracefulHandler(endpoints));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(config.stopTimeoutSeconds() * 1000L);
        server.setStopAtShutdown(false);
        server.start();
        logger.info("HTTP server listening on {}:{}", config.host(), connector.getLocalPort());
    }

    @Deactivate
    void stop() throws Exception {
        endpoints.endStreams();
        server.stop();
        logger.info("HTTP server stopped");
    }

    private static java.util.logging.Logger picloudLevel() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("io.picloud.http.server");
        jul.setLevel(java.util.logging.Level.INFO);
        return jul;
    }

    /** The port actually bound (differs from the configured one when that is 0). */
    int port() {
        return connector.getLocalPort();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEndpoint(HttpEndpoint endpoint, Map<String, Object> properties) {
        for (String prefix : prefixes(properties.get(HttpEndpoint.PREFIX))) {
            if (!routes.add(prefix, endpoint)) {
                logger.warn("HTTP endpoint {} not served at '{}': the prefix is malformed or already served",
                        properties.get("component.name"), prefix);
            }
        }
    }

    /** The prefix property as a list: one string, or several (a String[] or a collection). */
    private static List<String> prefixes(Object property) {
        if (property instanceof String s) {
            return List.of(s);
        }
        if (property instanceof String[] many) {
            return List.of(many);
        }
        if (property instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return Collections.singletonList(null);
    }

    void removeEndpoint(HttpEndpoint endpoint) {
        routes.remove(endpoint);
    }
}
