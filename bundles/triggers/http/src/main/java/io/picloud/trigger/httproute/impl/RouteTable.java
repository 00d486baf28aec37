package io.picloud.trigger.httproute.impl;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The routes open on this node, and the handling of one request without the servlet API: match the path, pick
 * the most specific route for the method (404 / 405 otherwise), fire and await the script, map its value.
 */
final class RouteTable {
    private static final Logger logger = LoggerFactory.getLogger(RouteTable.class);
    static final String PREFIX = "/r";
    static final String RETRY_AFTER_SECONDS = "5";

    /** One open binding. */
    record Route(String bindingId, RouteConfig config, TriggerCallback callback) {
    }

    /** What to send back. */
    record Response(int status, String contentType, String body, Map<String, String> headers) {
        static Response error(int status, String code, String message) {
            return error(status, code, message, Map.of());
        }

        static Response error(int status, String code, String message, Map<String, String> headers) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message);
            return new Response(status, "application/json", Json.write(Map.of("error", error)), headers);
        }

        static Response unavailable(String message) {
            return error(503, "unavailable", message, Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
    }

    /** The parsed request, before a route is chosen. */
    record Request(String method, String path, Map<String, Object> query, Map<String, Object> headers, String body,
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
        if (routes.remove(route)) {
            Instant now = clock.instant();
            closed.values().removeIf(at -> expired(at, now));
            closed.put(route, now);
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
    record Match(Route route, Map<String, Object> params, Response error) {
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
            return new Match(null, null, new Response(405, "application/json", Json.write(Map.of("error",
                    Map.of("code", "method_not_allowed", "message", method + " is not allowed on " + PREFIX + path
                            + "; allowed: " + String.join(", ", allowed)))), Map.of("Allow",
                    String.join(", ", allowed))));
        }
        return new Match(null, null, Response.error(404, "not_found", "no route matches " + PREFIX + path));
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
    Response handle(Request request) {
        if (stopping) {
            return Response.unavailable("the http trigger is stopping; retry shortly");
        }
        String path = request.path() == null || request.path().isEmpty() ? "/" : request.path();
        Match match = match(request.method(), path);
        if (match.error() != null) {
            if (match.error().status() == 404 && reopening(path)) {
                return Response.unavailable("the route is being reopened (plugin update or binding change); "
                        + "retry shortly");
            }
            return match.error();
        }
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
        TriggerEvent event = new TriggerEvent(request.method() + " " + PREFIX + path,
                json != null ? json : request.body(), attributes, Instant.now());
        TriggerResult result;
        long timeout = timeoutMillis;
        try {
            result = route.callback().fire(event).toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Response.error(504, "timeout", "the script did not answer within " + timeout + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.unavailable("interrupted while waiting for the script");
        } catch (ExecutionException e) {
            logger.warn("Route {} (binding '{}'): the runtime failed the run: {}", route.config().describe(),
                    route.bindingId(), String.valueOf(e.getCause()));
            return Response.unavailable("the script could not be run now");
        }
        return answer(result);
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
        return Json.parseOr(body, null);
    }

    /** The script's answer as HTTP (DESIGN.md §3), the same way as {@code /fn/{name}}. */
    static Response answer(TriggerResult result) {
        if (!result.succeeded()) {
            if (TriggerResult.SCRIPT_NOT_FOUND.equals(result.errorKind())) {
                return Response.error(404, "script_not_found", result.message());
            }
            if (TriggerResult.UNAVAILABLE.equals(result.errorKind())) {
                return Response.unavailable(result.message());
            }
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("kind", result.errorKind());
            error.put("message", result.message());
            error.put("line", result.line());
            error.put("column", result.column());
            return new Response(500, "application/json", Json.write(Map.of("error", error)), Map.of());
        }
        Object value = result.value();
        if (value == null) {
            return new Response(204, null, null, Map.of());
        }
        if (value instanceof String text) {
            return new Response(200, "text/plain; charset=utf-8", text, Map.of());
        }
        if (value instanceof Map<?, ?> map && map.get("status") instanceof Number status) {
            int code = status.intValue();
            if (code >= 100 && code <= 599) {
                Map<String, String> headers = new LinkedHashMap<>();
                if (map.get("headers") instanceof Map<?, ?> h) {
                    h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
                }
                boolean typed = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("content-type"));
                Object body = map.get("body");
                if (body == null) {
                    return new Response(code, null, null, headers);
                }
                if (body instanceof String s) {
                    return new Response(code, typed ? null : "text/plain; charset=utf-8", s, headers);
                }
                return new Response(code, typed ? null : "application/json", Json.write(body), headers);
            }
        }
        if (value instanceof Map || value instanceof List) {
            return new Response(200, "application/json", Json.write(value), Map.of());
        }
        return new Response(200, "text/plain; charset=utf-8", String.valueOf(value), Map.of());
    }
}
