package io.picloud.http.script;

import io.picloud.http.api.HttpExchange;
import io.picloud.rhai.json.RhaiJson;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@code request} map a script sees (DESIGN.md §3), the one builder that {@code /fn}, http routes,
 * webhooks and the dashboard's "try it" share: {@code method}, {@code path} (decoded, with the endpoint's prefix),
 * {@code query}, {@code headers} (lower-case names), {@code body} (the decoded text), {@code json} (the body parsed,
 * or {@code ()} when it is not JSON) and {@code params} (path parameters: {@code name} and {@code rest} on
 * {@code /fn}, a route's {@code {id}}, none for a webhook). Repeated query parameters are joined with {@code ","}
 * and repeated headers with {@code ", "}. The body is decoded once (its declared charset, else UTF-8) and parsed
 * once; callers build the map only after the script, route or hook is found. Stateless, thread-safe.
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

        /** {@code params} of {@code /fn/{name}}: {@code name}, and {@code rest} when the path goes on. */
        public Map<String, Object> params() {
            Map<String, Object> params = new HashMap<>(4);
            params.put("name", name);
            if (!rest.isEmpty()) {
                params.put("rest", rest);
            }
            return params;
        }
    }

    /** The request map of {@code /fn/{name}}: {@link #build} with {@code params} from {@code target}. */
    public static Map<String, Object> build(String method, String path, String queryString, Map<String, Object> headers,
                                            String body, String contentType, Target target) {
        return build(method, path, queryString, headers, body, contentType, target.params());
    }

    /**
     * The request map.
     *
     * @param path        the whole decoded path ({@code /fn/hello/a}, {@code /r/users/7})
     * @param queryString the raw query without {@code ?}, may be null
     * @param headers     by lower-case name ({@link #headers}, {@link #addHeader})
     * @param body        the decoded text ({@link #text}), {@code ""} for none
     * @param params      path parameters (kept as given)
     */
    public static Map<String, Object> build(String method, String path, String queryString, Map<String, Object> headers,
                                            String body, String contentType, Map<String, Object> params) {
        Map<String, Object> request = new HashMap<>(16);
        request.put("method", method);
        request.put("path", path);
        request.put("query", parseQuery(queryString));
        request.put("headers", headers);
        request.put("body", body);
        request.put("json", parseJson(body, contentType));
        request.put("params", params);
        return request;
    }

    /**
     * The request map of an exchange whose body has been read ({@code body}, may be empty): headers, query and
     * path from the exchange.
     */
    public static Map<String, Object> of(HttpExchange exchange, byte[] body, Map<String, Object> params) {
        String contentType = exchange.contentType();
        return build(exchange.method(), exchange.path(), exchange.query(), headers(exchange),
                text(body, contentType), contentType, params);
    }

    /** The request headers by lower-case name; a repeated header's values joined with {@code ", "}. */
    public static Map<String, Object> headers(HttpExchange exchange) {
        Map<String, Object> headers = new HashMap<>(16);
        exchange.forEachHeader((name, value) -> addHeader(headers, name, value));
        return headers;
    }

    /** Adds one header; the name is lower-cased and a repeated header is joined with {@code ", "}. */
    public static void addHeader(Map<String, Object> headers, String name, String value) {
        headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b);
    }

    /** The body as text in the charset its {@code Content-Type} names, else UTF-8; {@code ""} for none. */
    public static String text(byte[] body, String contentType) {
        return body == null || body.length == 0 ? "" : new String(body, charsetOf(contentType));
    }

    /** The charset named in a {@code Content-Type}, UTF-8 when none or unknown. */
    public static Charset charsetOf(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        String name = contentType.substring(at + 8).split("[;\\s]", 2)[0].replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * The API key a caller sent, read from the exchange before any map is built: {@code Authorization: Bearer
     * <key>}, else the first {@code key} query parameter; null when none.
     */
    public static String apiKey(HttpExchange exchange) {
        String auth = exchange.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = auth.substring(7).strip();
            return key.isEmpty() ? null : key;
        }
        String query = exchange.query();
        if (query == null || !query.contains("key=")) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("key=")) {
                String key = decode(pair.substring(4));
                return key.isEmpty() ? null : key;
            }
        }
        return null;
    }

    /**
     * A raw query string (without {@code ?}, may be null) as a map of decoded names to decoded values; a repeated
     * name's values joined with {@code ","}, a name without {@code =} maps to {@code ""}. Only the query string: a
     * form body is left alone (a webhook's signature covers the raw body).
     */
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

    /** Whether a {@code Content-Type} declares JSON ({@code application/json}, {@code application/x+json} ...). */
    public static boolean declaresJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    /**
     * The body parsed as JSON when it is declared as JSON (or undeclared and looks like an object or array);
     * null otherwise and when it does not parse.
     */
    public static Object parseJson(String body, String contentType) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        if (!declaresJson(contentType)) {
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
