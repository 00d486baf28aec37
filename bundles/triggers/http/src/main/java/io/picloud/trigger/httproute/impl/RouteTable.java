package io.picloud.trigger.httproute.impl;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.CallerAccess;
import io.picloud.http.script.HttpTriggers;
import io.picloud.http.script.RequestMaps;
import io.picloud.http.script.ScriptAnswer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The routes open on this node, and the handling of one request without the servlet API: {@link #select} matches
 * the path, picks the most specific route for the method (404 / 405 otherwise) and checks the caller's key, all
 * before a body is read or a request map built; {@link #fire} runs the route's script with the request map and
 * maps its value ({@link ScriptAnswer}, as {@code /fn}).
 */
final class RouteTable {
    static final String PREFIX = "/r";

    /** One open binding. */
    record Route(String bindingId, RouteConfig config, TriggerCallback callback, String described, String what) {
        /** {@code described} and {@code what} are made once here, not on every request that takes the route. */
        Route(String bindingId, RouteConfig config, TriggerCallback callback) {
            this(bindingId, config, callback, config.describe(),
                    "Route " + config.describe() + " (binding '" + bindingId + "')");
        }
    }

    /**
     * A whole request, for {@link #handle} (tests): the path after {@code /r}, the raw query, headers by lower-case
     * name, the decoded body.
     */
    record Request(String method, String path, String query, Map<String, Object> headers, String body,
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
    private volatile boolean stopping;

    RouteTable() {
        this(Clock.systemUTC());
    }

    RouteTable(Clock clock) {
        this.clock = clock;
        this.created = clock.instant();
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
    record Match(Route route, Map<String, Object> params, ScriptAnswer error) {
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
            return new Match(null, null, ScriptAnswer.failure(405, "method_not_allowed", method + " is not allowed on "
                    + PREFIX + path + "; allowed: " + String.join(", ", allowed), Map.of("Allow",
                    String.join(", ", allowed))));
        }
        return new Match(null, null, ScriptAnswer.failure(404, "not_found", "no route matches " + PREFIX + path));
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
     * The route chosen for a request with its path parameters, or the answer when there is none or the caller may
     * not run it ({@code answer} non-null).
     */
    record Selection(Route route, Map<String, Object> params, ScriptAnswer answer) {
        static Selection answered(ScriptAnswer answer) {
            return new Selection(null, null, answer);
        }

        /** Names the binding in log lines. */
        String what() {
            return route.what();
        }
    }

    /**
     * Chooses the route for a request from its method, path and key only (no body, no request map): 503 while
     * stopping or while a matching route reopens, 404/405 when none matches, 401/403 when the key may not run the
     * route's script. Answers from memory, never blocks: callable on an I/O thread.
     *
     * @param path   the raw (still encoded) part after {@code /r}, starting with '/' (or empty)
     * @param apiKey the key the caller sent, null when none
     */
    Selection select(String method, String path, String apiKey) {
        if (stopping) {
            return Selection.answered(HttpTriggers.unavailable("the http trigger is stopping; retry shortly"));
        }
        String p = path == null || path.isEmpty() ? "/" : path;
        Match match = match(method, p);
        if (match.error() != null) {
            if (match.error().status() == 404 && reopening(p)) {
                return Selection.answered(HttpTriggers.unavailable("the route is being reopened (plugin update or "
                        + "binding change); retry shortly"));
            }
            return Selection.answered(match.error());
        }
        Route route = match.route();
        ScriptAnswer denied = denied(route, apiKey);
        return denied != null ? Selection.answered(denied) : new Selection(route, match.params(), null);
    }

    /** Runs the selected route's script with {@code request} (the request map) and waits for its answer. */
    ScriptAnswer fire(Selection selection, Map<String, Object> request) {
        return HttpTriggers.fire(selection.route().callback(), event(selection, request), selection.what());
    }

    /**
     * Runs the selected route's script on this thread when the runtime can without blocking
     * ({@link io.picloud.trigger.api.TriggerCallback#fireInline}); null when it cannot: then {@link #fire}.
     */
    ScriptAnswer fireInline(Selection selection, Map<String, Object> request) {
        return HttpTriggers.fireInline(selection.route().callback(), event(selection, request), selection.what());
    }

    /** Handles a whole request (select, build the request map, fire): for tests without HTTP. */
    ScriptAnswer handle(Request request) {
        Selection selection = select(request.method(), request.path(), apiKey(request));
        if (selection.answer() != null) {
            return selection.answer();
        }
        String path = request.path() == null || request.path().isEmpty() ? "/" : request.path();
        return fire(selection, RequestMaps.build(request.method(), PREFIX + path, request.query(),
                request.headers(), request.body(), request.contentType(), selection.params()));
    }

    private static String apiKey(Request request) {
        Object auth = request.headers().get("authorization");
        if (auth instanceof String a && a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return a.substring(7).strip();
        }
        Object key = RequestMaps.parseQuery(request.query()).get("key");
        return key instanceof String k && !k.isEmpty() ? k : null;
    }

    /** 401/403 for a script with {@code access = key} called without a key that may run it; null when allowed. */
    private static ScriptAnswer denied(Route route, String apiKey) {
        CallerAccess access = route.callback().access(apiKey);
        return switch (access) {
            case ALLOW -> null;
            case UNAUTHENTICATED -> ScriptAnswer.denied(true, "this route's script");
            case FORBIDDEN -> ScriptAnswer.denied(false, "this route's script");
            case UNAVAILABLE -> HttpTriggers.unavailable("the route's access cannot be checked now; retry shortly");
        };
    }

    /**
     * The event: the request map (which gets one more entry) as attributes, plus {@code route} (the route's method and pattern); the payload
     * is the parsed JSON body, else the body text (the map's own values: nothing is parsed twice).
     */
    private static TriggerEvent event(Selection selection, Map<String, Object> request) {
        request.put("route", selection.route().described());
        Object json = request.get("json");
        return new TriggerEvent(request.get("method") + " " + request.get("path"),
                json != null ? json : request.get("body"), request, Instant.now());
    }
}
