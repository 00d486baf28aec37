package io.picloud.http.server.impl;

import io.picloud.http.api.HttpEndpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered endpoints by prefix, longest prefix first. The root prefix {@code /} (the dashboard) matches every
 * path and, being the shortest, only the paths no other prefix matches. Copy-on-write: lookups (every request) read one
 * immutable list without locking; registrations (rare) replace it. A prefix whose endpoint left less than
 * {@link #DEPARTED_GRACE} ago is remembered as departed, so that requests during a plugin update or reinstall are
 * told to retry (503) instead of being told nothing is there (404).
 */
final class EndpointRoutes {
    /** The prefix that matches every path. */
    static final String ROOT = "/";

    record Route(String prefix, HttpEndpoint endpoint) {
        boolean matches(String path) {
            if (prefix.equals(ROOT)) {
                return path.startsWith(ROOT);
            }
            return path.startsWith(prefix)
                    && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
        }

        /**
         * How many characters of a matched path the prefix takes: none for the root, so that the path within it
         * starts with {@code /} as for every other prefix.
         */
        int length() {
            return prefix.equals(ROOT) ? 0 : prefix.length();
        }
    }

    /** How long a departed prefix answers 503 rather than 404: a feature reinstall on a slow box takes seconds. */
    static final Duration DEPARTED_GRACE = Duration.ofSeconds(30);

    private volatile List<Route> routes = List.of();
    private final Map<String, Instant> departed = new ConcurrentHashMap<>();
    private final Clock clock;

    EndpointRoutes() {
        this(Clock.systemUTC());
    }

    EndpointRoutes(Clock clock) {
        this.clock = clock;
    }

    /** Adds an endpoint; false (and nothing added) when the prefix is malformed or already served. */
    synchronized boolean add(String prefix, HttpEndpoint endpoint) {
        if (!isValidPrefix(prefix) || routes.stream().anyMatch(r -> r.prefix().equals(prefix))) {
            return false;
        }
        List<Route> next = new ArrayList<>(routes);
        next.add(new Route(prefix, endpoint));
        next.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        routes = List.copyOf(next);
        departed.remove(prefix);
        return true;
    }

    synchronized void remove(HttpEndpoint endpoint) {
        List<Route> next = new ArrayList<>(routes);
        Instant now = clock.instant();
        for (Route route : routes) {
            if (route.endpoint() == endpoint) {
                departed.put(route.prefix(), now);
            }
        }
        if (next.removeIf(r -> r.endpoint() == endpoint)) {
            routes = List.copyOf(next);
        }
    }

    /** True when no endpoint serves {@code path} because the one for its prefix left within the grace period. */
    boolean departedRecently(String path) {
        if (departed.isEmpty()) {
            return false;
        }
        Instant since = clock.instant().minus(DEPARTED_GRACE);
        for (Map.Entry<String, Instant> entry : departed.entrySet()) {
            if (new Route(entry.getKey(), null).matches(path)) {
                if (entry.getValue().isAfter(since)) {
                    return true;
                }
                departed.remove(entry.getKey(), entry.getValue());
            }
        }
        return false;
    }

    /** The route serving {@code path}, or null. */
    Route find(String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return route;
            }
        }
        return null;
    }

    static boolean isValidPrefix(String prefix) {
        if (ROOT.equals(prefix)) {
            return true;
        }
        return prefix != null && prefix.length() > 1 && prefix.charAt(0) == '/' && !prefix.endsWith("/");
    }
}
