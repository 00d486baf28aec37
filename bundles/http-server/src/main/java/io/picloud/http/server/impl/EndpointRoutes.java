package io.picloud.http.server.impl;

import io.picloud.trigger.api.http.HttpEndpoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The registered endpoints by prefix, longest prefix first. Copy-on-write: lookups (every request) read one
 * immutable list without locking; registrations (rare) replace it.
 */
final class EndpointRoutes {
    record Route(String prefix, HttpEndpoint endpoint) {
        boolean matches(String path) {
            return path.startsWith(prefix)
                    && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
        }
    }

    private volatile List<Route> routes = List.of();

    /** Adds an endpoint; false (and nothing added) when the prefix is malformed or already served. */
    synchronized boolean add(String prefix, HttpEndpoint endpoint) {
        if (!isValidPrefix(prefix) || routes.stream().anyMatch(r -> r.prefix().equals(prefix))) {
            return false;
        }
        List<Route> next = new ArrayList<>(routes);
        next.add(new Route(prefix, endpoint));
        next.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        routes = List.copyOf(next);
        return true;
    }

    synchronized void remove(HttpEndpoint endpoint) {
        List<Route> next = new ArrayList<>(routes);
        if (next.removeIf(r -> r.endpoint() == endpoint)) {
            routes = List.copyOf(next);
        }
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
        return prefix != null && prefix.length() > 1 && prefix.charAt(0) == '/' && !prefix.endsWith("/");
    }
}
