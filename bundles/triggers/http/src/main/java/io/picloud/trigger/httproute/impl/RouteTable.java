package io.picloud.trigger.httproute.impl;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.CallerAccess;
import io.picloud.trigger.api.TriggerResult;
import io.picloud.trigger.http.support.HttpAnswer;
import io.picloud.trigger.http.support.HttpTriggers;
import io.picloud.rhai.json.RhaiJson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The routes open on this node, and the handling of one request without the servlet API: match the path, pick
 * the most specific route for the method (404 / 405 otherwise), fire and await the script, map its value.
 */
final class RouteTable {
    static final String PREFIX = "/r";

    /** One open binding. */
    record Route(String bindingId, RouteConfig config, TriggerCallback callback) {
    }

    /** The parsed request, before a route is chosen. */
    record Request(String method, String path, Map<String, Object> query, Map<String, String> headers, String body,
                   String contentType) {
    }

    /**
     * How long a closed route, or a table that has not opened any route yet, answers 503 rather than 404: the
     * runtime closes and reopens routes when the plugin is updated or a binding changes, within milliseconds.
     */
    static final Duration REOPEN_GRACE = Duration.ofSeconds(5);

    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Map<Route, Instant> closed = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Instant created;
    private volatile boolean opened;
    private volatile long timeoutMillis;
    private volatile boolean stopping;

    RouteTable(long timeoutMillis) {
        this(timeoutMillis, Clock.systemUTC());
    }

    RouteTable(long timeoutMillis, Clock clock) {
        this.timeoutMillis = timeoutMillis;
        this.clock = clock;
        this.created = clock.instant();
    }

    void setTimeoutMillis(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** New requests get 503 with Retry-After from now on; requests in flight complete. */
    void stop() {
        stopping = true;
    }

    /**
     * The open route that {@code config} conflicts with (same method, equivalent pattern), or null.
     *
     * @param identicalAllowed true: a route with exactly the same method and pattern text does not count (the
     *                         binding being validated may be that route itself, re-saved)
     */
    Route conflict(RouteConfig config, boolean identicalAllowed) {
        for (Route route : routes) {
            RouteConfig open = route.config();
            if (conflicts(open, config)) {
                if (identicalAllowed && open.pattern().text().equals(config.pattern().text())) {
                    continue;
                }
                return route;
            }
        }
        return null;
    }

    /** Two routes conflict when no request could choose between them: same method, equivalent pattern. */
    static boolean conflicts(RouteConfig a, RouteConfig b) {
        return a.method().equals(b.method()) && a.pattern().shape().equals(b.pattern().shape());
    }

    /**
     * Refuses {@code config} when one of the other stored bindings has a conflicting route. Stored configurations
     * that no longer parse are skipped: they cannot open, so they take no route.
     */
    static void checkAgainst(RouteConfig config, List<TriggerBinding> others) throws TriggerConfigException {
        for (TriggerBinding other : others) {
            RouteConfig theirs;
            try {
                theirs = RouteConfig.of(other.config());
            } catch (TriggerConfigException e) {
                continue;
            }
            if (conflicts(config, theirs)) {
                throw new TriggerConfigException("path", config.describe() + " conflicts with binding " + other.id()
                        + " (" + theirs.describe() + (other.enabled() ? "" : ", disabled")
                        + "); change the method or the path");
            }
        }
    }

    /** Adds a route; returns the route it conflicts with (and adds nothing), or null when added. */
    synchronized Route add(Route route) {
        Route existing = conflict(route.config(), false);
        if (existing == null) {
            routes.add(route);
            opened = true;
            closed.keySet().removeIf(old -> old.bindingId().equals(route.bindingId()));
        }
        return existing;
    }

    void remove(Route route) {
        // the tombstone first: a request must never see the route gone and not yet closed
        Instant now = clock.instant();
        closed.values().removeIf(at -> expired(at, now));
        closed.put(route, now);
        if (!routes.remove(route)) {
            closed.remove(route, now);      // was not open (closed twice)
        }
    }

    private static boolean expired(Instant closedAt, Instant now) {
        return !now.isBefore(closedAt.plus(REOPEN_GRACE));
    }

    /**
     * True when no open route matches {@code path} probably only for a moment: this table has opened nothing yet
     * and is new (the runtime is opening the bindings of a plugin that just started), or a route closed within the
     * grace period matches (the plugin is being updated, or the binding changed and reopens).
     */
    private boolean reopening(String path) {
        Instant now = clock.instant();
        if (!opened && now.isBefore(created.plus(REOPEN_GRACE))) {
            return true;
        }
        if (closed.isEmpty()) {
            return false;
        }
        List<String> segments = segments(path);
        for (Map.Entry<Route, Instant> entry : closed.entrySet()) {
            if (expired(entry.getValue(), now)) {
                closed.remove(entry.getKey(), entry.getValue());
            } else if (entry.getKey().config().pattern().match(segments) != null) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return routes.size();
    }

    /** The chosen route and its parameters, or the error response. */
    record Match(Route route, Map<String, Object> params, HttpAnswer error) {
    }

    /** Chooses the route for {@code method} and {@code path} (the part after {@code /r}, starting with '/'). */
    Match match(String method, String path) {
        List<String> segments = segments(path);
        Route best = null;
        Map<String, Object> bestParams = null;
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, Object> params = route.config().pattern().match(segments);
            if (params == null) {
                continue;
            }
            String routeMethod = route.config().method();
            boolean methodMatches = routeMethod.equals(method) || routeMethod.equals(RouteConfig.ANY)
                    || (method.equals("HEAD") && routeMethod.equals("GET"));
            if (!methodMatches) {
                allowed.add(routeMethod);
                continue;
            }
            if (best == null || better(route, best)) {
                best = route;
                bestParams = params;
            }
        }
        if (best != null) {
            return new Match(best, bestParams, null);
        }
        if (!allowed.isEmpty()) {
            return new Match(null, null, HttpAnswer.error(405, "method_not_allowed", method + " is not allowed on "
                    + PREFIX + path + "; allowed: " + String.join(", ", allowed), Map.of("Allow",
                    String.join(", ", allowed))));
        }
        return new Match(null, null, HttpAnswer.error(404, "not_found", "no route matches " + PREFIX + path));
    }

    /** More specific pattern first; for equivalent patterns an exact method beats {@code *}. */
    private static boolean better(Route candidate, Route best) {
        int order = candidate.config().pattern().compareTo(best.config().pattern());
        if (order != 0) {
            return order < 0;
        }
        return !candidate.config().method().equals(RouteConfig.ANY) && best.config().method().equals(RouteConfig.ANY);
    }

    /** The decoded, non-empty segments of a path ({@code %2F} inside a segment stays inside it). */
    static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        if (path == null) {
            return segments;
        }
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                segments.add(decode(part));
            }
        }
        return segments;
    }

    private static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        try {
            return java.net.URLDecoder.decode(text.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /**
     * Handles one request.
     *
     * @param path the raw (still encoded) part after {@code /r}, starting with '/' (or empty)
     */
    HttpAnswer handle(Request request) {
        if (stopping) {
            return HttpAnswer.unavailable("the http trigger is stopping; retry shortly");
        }
        String path = request.path() == null || request.path().isEmpty() ? "/" : request.path();
        Match match = match(request.method(), path);
        if (match.error() != null) {
            if (match.error().status() == 404 && reopening(path)) {
                return HttpAnswer.unavailable("the route is being reopened (plugin update or binding change); "
                        + "retry shortly");
            }
            return match.error();
        }
        Route route = match.route();
        HttpAnswer denied = denied(route, request);
        if (denied != null) {
            return denied;
        }
        return HttpTriggers.fire(route.callback(), event(request, path, match), timeoutMillis,
                "Route " + route.config().describe() + " (binding '" + route.bindingId() + "')");
    }

    /**
     * Answers a request whose route's script the runtime can run on this thread without blocking
     * ({@link io.picloud.trigger.api.TriggerCallback#fireInline}); null when it cannot: then {@link #handle}.
     */
    HttpAnswer handleInline(Request request) {
        if (stopping) {
            return null;
        }
        String path = request.path() == null || request.path().isEmpty() ? "/" : request.path();
        Match match = match(request.method(), path);
        if (match.error() != null) {
            return null;
        }
        HttpAnswer denied = denied(match.route(), request);
        if (denied != null) {
            return denied;
        }
        TriggerResult result = match.route().callback().fireInline(event(request, path, match));
        return result == null ? null : HttpAnswer.of(result);
    }

    /** 401/403 for a script with {@code access = key} called without a key that may run it; null when allowed. */
    private static HttpAnswer denied(Route route, Request request) {
        CallerAccess access = route.callback().access(HttpTriggers.apiKey(request.headers(), request.query()));
        return switch (access) {
            case ALLOW -> null;
            case UNAUTHENTICATED -> HttpAnswer.error(401, "unauthorized", "this route's script needs an API key: "
                    + "Authorization: Bearer <key> or ?key=<key>", Map.of("WWW-Authenticate", "Bearer realm=\"picloud\""));
            case FORBIDDEN -> HttpAnswer.error(403, "forbidden", "this API key may not call this route's script");
            case UNAVAILABLE -> HttpAnswer.unavailable("the route's access cannot be checked now; retry shortly");
        };
    }

    private static TriggerEvent event(Request request, String path, Match match) {
        Route route = match.route();
        Object json = parseJson(request.body(), request.contentType());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("method", request.method());
        attributes.put("path", PREFIX + path);
        attributes.put("query", request.query());
        attributes.put("headers", request.headers());
        attributes.put("body", request.body());
        attributes.put("json", json);
        attributes.put("params", match.params());
        attributes.put("route", route.config().describe());
        return new TriggerEvent(request.method() + " " + PREFIX + path, json != null ? json : request.body(),
                attributes, Instant.now());
    }

    /** The body parsed as JSON when declared as JSON (or undeclared and looking like an object or array). */
    static Object parseJson(String body, String contentType) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        if (contentType == null) {
            String trimmed = body.trim();
            if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
                return null;
            }
        } else if (!contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return null;
        }
        return RhaiJson.parseOrNull(body);
    }

}
