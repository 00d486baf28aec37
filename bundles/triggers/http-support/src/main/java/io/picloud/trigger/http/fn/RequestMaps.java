package io.picloud.trigger.http.fn;

import io.picloud.rhai.json.RhaiJson;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@code request} map a script sees (DESIGN.md §3): {@code method}, {@code path}, {@code query},
 * {@code headers} (lower-case names), {@code body}, {@code json} (the parsed body, or {@code ()} when the body is
 * not JSON) and {@code params} ({@code name}, and {@code rest} for what follows {@code /fn/name/}).
 * Repeated query parameters are joined with {@code ","} and repeated headers with {@code ", "}. The one builder
 * that {@code /fn} and the dashboard's "try it" share.
 */
public final class RequestMaps {
    private RequestMaps() {
    }

    /** The script name and the rest of the path after {@code /fn/}; null when the path names no script. */
    public record Target(String name, String rest) {
        /** From the path after {@code /fn}, e.g. {@code /hello/a/b}. */
        public static Target of(String pathInfo) {
            if (pathInfo == null || pathInfo.length() < 2 || pathInfo.charAt(0) != '/') {
                return null;
            }
            int slash = pathInfo.indexOf('/', 1);
            String name = slash < 0 ? pathInfo.substring(1) : pathInfo.substring(1, slash);
            String rest = slash < 0 ? "" : pathInfo.substring(slash + 1);
            return name.isEmpty() ? null : new Target(name, rest);
        }
    }

    /**
     * The request map; {@code path} is the whole path ({@code /fn/hello/a}), {@code headers} by lower-case name
     * ({@link #addHeader}), {@code body} the decoded text.
     */
    public static Map<String, Object> build(String method, String path, String queryString, Map<String, Object> headers,
                                     String body, String contentType, Target target) {
        Map<String, Object> request = new HashMap<>(16);
        request.put("method", method);
        request.put("path", path);
        request.put("query", parseQuery(queryString));
        request.put("headers", headers);
        request.put("body", body);
        request.put("json", parseJson(body, contentType));
        Map<String, Object> params = new HashMap<>(4);
        params.put("name", target.name());
        if (!target.rest().isEmpty()) {
            params.put("rest", target.rest());
        }
        request.put("params", params);
        return request;
    }

    /** Adds one header; the name is lower-cased and a repeated header is joined with {@code ", "}. */
    public static void addHeader(Map<String, Object> headers, String name, String value) {
        headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b);
    }

    public static Map<String, Object> parseQuery(String queryString) {
        Map<String, Object> query = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return query;
        }
        int start = 0;
        int length = queryString.length();
        while (start <= length) {
            int amp = queryString.indexOf('&', start);
            int end = amp < 0 ? length : amp;
            if (end > start) {
                String pair = queryString.substring(start, end);
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.merge(key, value, (a, b) -> a + "," + b);
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return query;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape: keep the text as sent
        }
    }

    /** The body parsed as JSON when it is declared as JSON (or undeclared and looks like an object or array). */
    public static Object parseJson(String body, String contentType) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        boolean declared = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
        if (!declared) {
            if (contentType != null) {
                return null;
            }
            char first = firstNonBlank(body);
            if (first != '{' && first != '[') {
                return null;
            }
        }
        try {
            return RhaiJson.parse(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static char firstNonBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c;
            }
        }
        return 0;
    }

}
