package io.picloud.manager.impl.rest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
        /** The path template as registered, e.g. {@code /scripts/{name}/versions}. */
        String path() {
            return "/" + String.join("/", pattern);
        }
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

    /** Every route, in the order registered (the OpenAPI document is checked against them). */
    List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * The route for this method and raw (percent-encoded) path, whose segments are decoded once each; null when no
     * route has this path; a 405 when only the method differs.
     */
    Match find(String method, String path) {
        List<String> seg = new ArrayList<>();
        for (String s : segments(path)) {
            seg.add(decode(s));
        }
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

    /** One path segment percent-decoded (UTF-8; a {@code +} stays a {@code +}); a 400 when malformed. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        byte[] utf8 = segment.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length);
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] != '%') {
                out.write(utf8[i]);
                continue;
            }
            int hi = i + 2 < utf8.length ? Character.digit(utf8[i + 1], 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(utf8[i + 2], 16);
            if (lo < 0) {
                throw ApiException.badRequest("a malformed percent-escape in the path segment " + segment);
            }
            out.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the path segment " + segment + " is not UTF-8 once decoded");
        }
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
