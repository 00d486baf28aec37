package io.picloud.host.http.impl;

import io.picloud.api.HostPackage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The {@code http} host API: {@code http::get(url)}, {@code http::get(url, options)}, {@code http::post(url, body)},
 * {@code http::post(url, body, options)} and {@code http::request(#{ method, url, headers, body, timeout_ms })},
 * each answering {@code #{ status, headers, body, json }}. A non-2xx status is an answer; a refused or failed
 * request is a {@link io.picloud.api.HostException} (see docs/scripts.md for the codes).
 *
 * <p>A new configuration restarts the component (no {@code @Modified}): the client and its pooled connections,
 * checked under the old address rules, go with the old instance.
 */
@Component(service = HostPackage.class, configurationPid = "io.picloud.host.http")
@Designate(ocd = HttpHostPackage.Config.class)
public class HttpHostPackage implements HostPackage {
    private static final Logger logger = LoggerFactory.getLogger(HttpHostPackage.class);

    @ObjectClassDefinition(name = "PiCloud host API http",
            description = "Outbound HTTP for scripts (http::get, http::post, http::request) behind an address guard.")
    public @interface Config {
        @AttributeDefinition(description = "Address ranges (CIDR, comma-separated) scripts may reach although they "
                + "are loopback, private, link-local or otherwise refused; also read from the environment variable "
                + "PICLOUD_HTTP_ALLOW_ADDRESSES. Empty: none.")
        String[] allowAddresses() default {};

        @AttributeDefinition(description = "Host names scripts without their own allowHosts setting may request "
                + "(*.example.com for sub-domains, comma-separated). Empty: any public host.")
        String[] allowHosts() default {};

        @AttributeDefinition(description = "Longest wait for a connection, in milliseconds")
        long connectTimeoutMillis() default 5_000;

        @AttributeDefinition(description = "A request's total time, redirects included, unless it sets timeout_ms; "
                + "never past the run's own deadline")
        long timeoutMillis() default 5_000;

        @AttributeDefinition(description = "The largest timeout_ms a script may ask for")
        long maxTimeoutMillis() default 30_000;

        @AttributeDefinition(description = "The largest answer body in bytes; a larger one fails with "
                + "ResponseTooLarge as soon as it passes the limit")
        int maxResponseBytes() default 1_048_576;

        @AttributeDefinition(description = "The largest request body in bytes")
        int maxRequestBytes() default 1_048_576;

        @AttributeDefinition(description = "The request headers a script sets, names and values, in bytes")
        int maxRequestHeaderBytes() default 8_192;

        @AttributeDefinition(description = "The answer's headers in bytes")
        int maxResponseHeaderBytes() default 16_384;

        @AttributeDefinition(description = "Requests one run may make, each redirect counted")
        int maxRequestsPerRun() default 20;

        @AttributeDefinition(description = "Redirects followed for one call (0: none; a 3xx is then the answer)")
        int maxRedirects() default 5;
    }

    private final OutboundHttp http;

    @Activate
    public HttpHostPackage(Config config) throws Exception {
        HttpSettings settings = HttpSettings.of(config, System.getenv(HttpSettings.ENV_ALLOW_ADDRESSES),
                productVersion());
        this.http = new OutboundHttp(settings, null);
        if (!settings.allowAddresses().isEmpty()) {
            logger.info("Scripts may reach these otherwise refused address ranges: {}", settings.allowAddresses());
        }
    }

    /** For tests: a package over a client of their own. */
    HttpHostPackage(OutboundHttp http) {
        this.http = http;
    }

    @Deactivate
    void deactivate() throws Exception {
        http.close();
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void register(Registry registry) {
        HttpSettings s = http.settings();
        registry.function("http::get", 1, (call, a) -> http.send(call,
                OutboundRequest.of("GET", a.get(0), null, null, s)));
        registry.function("http::get", 2, (call, a) -> http.send(call,
                OutboundRequest.of("GET", a.get(0), null, a.get(1), s)));
        registry.function("http::post", 2, (call, a) -> http.send(call,
                OutboundRequest.of("POST", a.get(0), a.get(1), null, s)));
        registry.function("http::post", 3, (call, a) -> http.send(call,
                OutboundRequest.of("POST", a.get(0), a.get(1), a.get(2), s)));
        registry.function("http::request", 1, (call, a) -> http.send(call, OutboundRequest.of(a.get(0), s)));
    }

    static String productVersion() {
        Properties p = new Properties();
        try (InputStream in = HttpHostPackage.class.getResourceAsStream("product.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            logger.warn("Cannot read the product version: {}", e.getMessage());
        }
        return p.getProperty("product.version", "0");
    }
}
