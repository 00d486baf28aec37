package io.picloud.manager.impl.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The routes of {@code /api/v1}: method, path pattern ({@code /scripts/{name}/versions}), whether it is open to
 * anonymous callers, and the handler. A path that matches with another method is a 405 naming the allowed ones.
 */
final class RouteTable {
    interface Handler {
        ApiResponse handle(Call call);
    }

    record Route(String method, String[] pattern, boolean open, Handler handler) {
    }

    record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    RouteTable add(String method, String path, Handler handler) {
        routes.add(new Route(method, segments(path).toArray(String[]::new), false, handler));
        return this;
    }

    /** A route anonymous callers may use (version, health, login). */
    RouteTable open(String method, String path, Handler handler) {
        routes.add(new Route(method, segments(path).toArray(String[]::new), true, handler));
        return this;
    }

    /** The route for this method and path; null when no route has this path; a 405 when only the method differs. */
    Match find(String method, String path) {
        List<String> seg = segments(path);
        StringJoiner allowed = new StringJoiner(", ");
        for (Route r : routes) {
            Map<String, String> params = match(r.pattern(), seg);
            if (params != null) {
                if (r.method().equals(method) || (method.equals("HEAD") && r.method().equals("GET"))) {
                    return new Match(r, params);
                }
                allowed.add(r.method());
            }
        }
        if (allowed.length() > 0) {
            throw ApiException.methodNotAllowed(method, allowed.toString());
        }
        return null;
    }

    private static Map<String, String> match(String[] pattern, List<String> seg) {
        if (pattern.length != seg.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{")) {
                params.put(p.substring(1, p.length() - 1), seg.get(i));
            } else if (!p.equals(seg.get(i))) {
                return null;
            }
        }
        return params;
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : (path == null ? "" : path).split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
