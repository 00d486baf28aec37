package io.picloud.host.http.impl;

import io.picloud.api.HostException;
import io.picloud.api.HostPackage;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.client.transport.HttpDestination;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Sends scripts' requests with one Jetty {@link HttpClient}, under every rule of the http host API: the host
 * allow-list before each request and each redirect, the {@link GuardedResolver} on every connection, redirects
 * followed here (never by the client) with each target checked again, the per-run request count, a total time that
 * never passes the run's deadline and a {@link BodyCollector} that stops at the size cap.
 *
 * <p>The client keeps no cookies, has no proxy, no stored credentials, no automatic redirect, authentication or
 * content decoding, so what one script sends or receives never shows in another's request. Thread-safe.
 */
final class OutboundHttp implements AutoCloseable {

    /** Requests a run made so far ({@link HostPackage.Call#state}). */
    static final class RunRequests {
        final AtomicInteger count = new AtomicInteger();
    }

    /** Origins (scheme, host, port) the client keeps state for before it forgets the idle ones. */
    static final int MAX_DESTINATIONS = 256;

    /** Headers that go to the first origin only: a redirect to another origin drops them. */
    private static final List<String> CREDENTIALS = List.of("authorization", "cookie");

    private final HttpSettings settings;
    private final SocketAddressResolver dns;
    private final AtomicInteger exchanges = new AtomicInteger();
    private volatile HttpClient client; // built at the first request, see client()
    private boolean closed;             // guarded by this

    /** {@code dns}: how names become addresses before the guard checks them; null for the platform's resolver. */
    OutboundHttp(HttpSettings settings, SocketAddressResolver dns) {
        this.settings = settings;
        this.dns = dns;
    }

    /**
     * The client, built and started at the first request: its start loads the TLS stack and the trust store,
     * a few hundred milliseconds of CPU and some MiB that a PiCloud whose scripts never call out should not pay at
     * boot or keep while idle.
     */
    private HttpClient client() throws HostException {
        HttpClient c = client;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (client == null) {
                if (closed) {
                    throw new HostException("Unavailable", "the http host API is stopping");
                }
                try {
                    client = started(settings, dns);
                } catch (Exception e) {
                    throw new HostException("Unavailable", "the outbound HTTP client did not start: " + e.getMessage());
                }
            }
            return client;
        }
    }

    private static HttpClient started(HttpSettings settings, SocketAddressResolver dns) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(8, 1, 60_000);
        threads.setName("picloud-http-client");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("picloud-http-client-timer", true);
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        connector.setExecutor(threads);
        connector.setScheduler(scheduler);
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setScheduler(scheduler);
        client.setSocketAddressResolver(new GuardedResolver(
                dns != null ? dns : new SocketAddressResolver.Async(threads, scheduler, settings.connectTimeoutMillis()),
                new AddressPolicy(settings.allowAddresses())));
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setFollowRedirects(false);
        client.setConnectTimeout(settings.connectTimeoutMillis());
        client.setIdleTimeout(30_000);
        client.setMaxRequestHeadersSize(settings.maxRequestHeaderBytes() + 2_048 + OutboundRequest.MAX_URL_LENGTH);
        client.setMaxResponseHeadersSize(settings.maxResponseHeaderBytes());
        client.setMaxConnectionsPerDestination(16);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, settings.userAgent()));
        client.start();
        // start() installs these; none of them may act for a script (redirects are followed below, by hand)
        client.getProtocolHandlers().clear();
        client.getContentDecoderFactories().clear();
        return client;
    }

    HttpSettings settings() {
        return settings;
    }

    @Override
    public synchronized void close() throws Exception {
        closed = true;
        if (client != null) {
            client.stop();
        }
    }

    /** Sends {@code request} for the run {@code call}, following redirects; the answer map. */
    Map<String, Object> send(HostPackage.Call call, OutboundRequest request) throws HostException,
            InterruptedException {
        long budget = Math.min(request.timeoutMillis(), call.remainingMillis());
        if (budget <= 0) {
            throw new HostException("Timeout", "no time is left in this run for a request");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budget);
        List<String> allowHosts = call.settings().allowHosts() != null ? call.settings().allowHosts()
                : settings.allowHosts();
        boolean anyHost = call.settings().allowHosts() == null && settings.allowHosts().isEmpty();
        RunRequests run = call.state(RunRequests.class, RunRequests::new);

        URI uri = request.uri();
        String method = request.method();
        byte[] body = request.body();
        String contentType = request.contentType();
        List<String[]> headers = new ArrayList<>(request.headers());
        for (int redirects = 0; ; redirects++) {
            String host = HostPatterns.normalise(uri.getHost());
            if (!anyHost && !HostPatterns.matches(allowHosts, host)) {
                throw new HostException("HostNotAllowed", "host " + host + " is not in the allowHosts list"
                        + (call.settings().allowHosts() != null ? " of this script" : " of the operator")
                        + (redirects > 0 ? " (a redirect to " + OutboundRequest.abbreviated(uri.toString()) + ")" : ""));
            }
            if (run.count.incrementAndGet() > settings.maxRequestsPerRun()) {
                throw new HostException("TooManyRequests", "more than " + settings.maxRequestsPerRun()
                        + " requests in one run (maxRequestsPerRun; each redirect counts)");
            }
            Exchange answer = exchange(uri, method, headers, body, contentType, deadline, budget);
            String location = answer.location();
            if (!request.followRedirects() || settings.maxRedirects() == 0 || location == null
                    || !isRedirect(answer.status())) {
                return Answers.toMap(answer.status(), answer.headers(), answer.body());
            }
            if (redirects >= settings.maxRedirects()) {
                throw new HostException("TooManyRedirects", "more than " + settings.maxRedirects()
                        + " redirects, the last to " + OutboundRequest.abbreviated(location));
            }
            URI next;
            try {
                next = OutboundRequest.checked(uri.resolve(location), location);
            } catch (IllegalArgumentException e) {
                throw new HostException("InvalidUrl", "the redirect goes to a bad URL: '"
                        + OutboundRequest.abbreviated(location) + "'");
            }
            int status = answer.status();
            if (status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST")) {
                method = "GET";
                body = null;
                contentType = null;
                headers.removeIf(h -> h[0].equalsIgnoreCase("content-type"));
            }
            if (!sameOrigin(uri, next)) {
                headers.removeIf(h -> CREDENTIALS.contains(h[0].toLowerCase(java.util.Locale.ROOT)));
            }
            uri = next;
        }
    }

    /** One request and its answer, no redirect followed. */
    private Exchange exchange(URI uri, String method, List<String[]> headers, byte[] body, String contentType,
                              long deadline, long budget) throws HostException, InterruptedException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw timeout(budget);
        }
        Request r = client().newRequest(uri).method(method).followRedirects(false).timeout(left, TimeUnit.MILLISECONDS)
                .headers(fields -> {
                    for (String[] h : headers) {
                        fields.add(h[0], h[1]);
                    }
                });
        if (body != null) {
            r.body(new BytesRequestContent(contentType, body));
        }
        BodyCollector collector = new BodyCollector(settings.maxResponseBytes());
        r.send(collector);
        Result result;
        try {
            result = collector.done.get(left, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            r.abort(new GuardException("Timeout", "timed out"));
            throw timeout(budget);
        } catch (InterruptedException e) {
            r.abort(new GuardException("Timeout", "the run ended"));
            throw e;
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause(), budget);
        }
        forgetIdleDestinations();
        if (result.isFailed()) {
            throw failure(uri, result.getFailure(), budget);
        }
        return new Exchange(result.getResponse().getStatus(), result.getResponse().getHeaders(), collector.body());
    }

    /**
     * Jetty keeps a destination per origin until it is removed; scripts may ask for many origins, so every 64th
     * exchange, past {@link #MAX_DESTINATIONS}, the ones with no connection and no queued request are dropped
     * (instead of Jetty's destination sweeper, a timer that would wake every second even when idle).
     */
    private void forgetIdleDestinations() {
        if ((exchanges.incrementAndGet() & 63) != 0) {
            return;
        }
        List<Destination> all = client.getDestinations();
        if (all.size() <= MAX_DESTINATIONS) {
            return;
        }
        for (Destination d : all) {
            if (d instanceof HttpDestination h && h.getQueuedRequestCount() == 0 && d.getConnectionPool().isEmpty()) {
                client.removeDestination(d);
            }
        }
    }

    /** For tests: whether the client was built (at the first request). */
    boolean started() {
        return client != null;
    }

    /** For tests: the origins the client keeps state for. */
    int destinations() {
        HttpClient c = client;
        return c == null ? 0 : c.getDestinations().size();
    }

    private record Exchange(int status, org.eclipse.jetty.http.HttpFields headers, byte[] body) {
        String location() {
            return headers.get(HttpHeader.LOCATION);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static HostException timeout(long budget) {
        return new HostException("Timeout", "no complete answer within " + budget + " ms");
    }

    /** A failed exchange as the error the script sees: the guard's own code, or one for the network's failure. */
    private static HostException failure(URI uri, Throwable failure, long budget) {
        String host = HostPatterns.normalise(uri.getHost());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GuardException g) {
                return g.code().equals("Timeout") ? timeout(budget) : new HostException(g.code(), g.getMessage());
            } else if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return timeout(budget);
            } else if (t instanceof UnknownHostException) {
                return new HostException("HostNotFound", "host " + host + " is not known");
            } else if (t instanceof ConnectException) {
                return new HostException("ConnectFailed", "could not connect to " + host + ":" + port(uri));
            } else if (t instanceof SSLException) {
                return new HostException("TlsFailed", "the TLS handshake with " + host + " failed");
            } else if (t instanceof org.eclipse.jetty.http.HttpException h && (h.getCode() == 431
                    || String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("too large"))) {
                // the parser's "Response Header Bytes Too Large" (its code is the answer's status)
                return new HostException("ResponseTooLarge", "the answer's headers are larger than the "
                        + "maxResponseHeaderBytes limit");
            }
        }
        return new HostException("RequestFailed", "the request to " + host + " failed before a complete answer");
    }
}
