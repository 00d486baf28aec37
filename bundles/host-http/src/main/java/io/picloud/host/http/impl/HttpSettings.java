package io.picloud.host.http.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * The operator's settings of the http host API, checked: what {@link HttpHostPackage.Config} and the environment
 * variable {@value #ENV_ALLOW_ADDRESSES} say, as the client and the request rules use them.
 *
 * @param allowAddresses     ranges of otherwise refused addresses that scripts may reach (never by default)
 * @param allowHosts         the default host allow-list of scripts without their own; empty: any public host
 * @param connectTimeoutMillis longest wait for a connection
 * @param timeoutMillis      a request's total time unless it asks for another ({@code timeout_ms})
 * @param maxTimeoutMillis   the longest {@code timeout_ms} a script may ask for
 * @param maxResponseBytes   the largest answer body; the exchange is aborted as soon as more arrives
 * @param maxRequestBytes    the largest request body
 * @param maxRequestHeaderBytes the request's headers, names and values added up
 * @param maxResponseHeaderBytes the answer's headers
 * @param maxRequestsPerRun  requests (each redirect counted) one run may make
 * @param maxRedirects       redirects followed for one call
 * @param userAgent          the {@code User-Agent} of every request
 */
record HttpSettings(List<Cidr> allowAddresses, List<String> allowHosts, long connectTimeoutMillis,
                    long timeoutMillis, long maxTimeoutMillis, int maxResponseBytes, int maxRequestBytes,
                    int maxRequestHeaderBytes, int maxResponseHeaderBytes, int maxRequestsPerRun, int maxRedirects,
                    String userAgent) {

    static final String ENV_ALLOW_ADDRESSES = "PICLOUD_HTTP_ALLOW_ADDRESSES";

    HttpSettings {
        allowAddresses = List.copyOf(allowAddresses);
        allowHosts = allowHosts.stream().map(HostPatterns::normalise).filter(h -> !h.isEmpty()).toList();
        if (connectTimeoutMillis <= 0 || timeoutMillis <= 0 || maxTimeoutMillis < timeoutMillis) {
            throw new IllegalArgumentException("timeouts must be positive, maxTimeoutMillis at least timeoutMillis");
        }
        if (maxResponseBytes <= 0 || maxRequestBytes < 0 || maxRequestHeaderBytes <= 0 || maxResponseHeaderBytes <= 0
                || maxRequestsPerRun <= 0 || maxRedirects < 0) {
            throw new IllegalArgumentException("size and count limits must be positive");
        }
    }

    /** The defaults of {@link HttpHostPackage.Config}, with {@code allow} as the allowed ranges (for tests). */
    static HttpSettings defaults(String allow) {
        return new HttpSettings(Cidr.parseList(allow), List.of(), 5_000, 5_000, 30_000, 1 << 20, 1 << 20, 8_192,
                16_384, 20, 5, "PiCloud/test");
    }

    static HttpSettings of(HttpHostPackage.Config c, String environmentAllow, String productVersion) {
        List<Cidr> allow = new ArrayList<>();
        for (String entry : c.allowAddresses()) {
            allow.addAll(Cidr.parseList(entry));
        }
        allow.addAll(Cidr.parseList(environmentAllow));
        List<String> hosts = new ArrayList<>();
        for (String entry : c.allowHosts()) {
            hosts.addAll(List.of(entry.split("[,\\s]+")));
        }
        return new HttpSettings(allow, hosts, c.connectTimeoutMillis(), c.timeoutMillis(), c.maxTimeoutMillis(),
                c.maxResponseBytes(), c.maxRequestBytes(), c.maxRequestHeaderBytes(), c.maxResponseHeaderBytes(),
                c.maxRequestsPerRun(), c.maxRedirects(), "PiCloud/" + productVersion);
    }

    HttpSettings withAllowHosts(List<String> hosts) {
        return new HttpSettings(allowAddresses, hosts, connectTimeoutMillis, timeoutMillis, maxTimeoutMillis,
                maxResponseBytes, maxRequestBytes, maxRequestHeaderBytes, maxResponseHeaderBytes, maxRequestsPerRun,
                maxRedirects, userAgent);
    }

    HttpSettings withLimits(long timeout, int responseBytes, int requestsPerRun) {
        return new HttpSettings(allowAddresses, allowHosts, Math.min(connectTimeoutMillis, timeout), timeout,
                Math.max(timeout, maxTimeoutMillis), responseBytes, maxRequestBytes, maxRequestHeaderBytes,
                maxResponseHeaderBytes, requestsPerRun, maxRedirects, userAgent);
    }
}
