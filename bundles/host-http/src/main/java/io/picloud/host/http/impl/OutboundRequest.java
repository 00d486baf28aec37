package io.picloud.host.http.impl;

import io.picloud.api.HostException;
import io.picloud.rhai.json.RhaiJson;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One request as a script asked for it, checked against the operator's limits before anything is sent: the
 * method, an http(s) URL, the headers (no framing or hop-by-hop header, which the client owns, and no
 * {@code User-Agent}), the body as bytes with its content type, the timeout and whether redirects are followed.
 *
 * @param headers name/value pairs, names as the script wrote them
 * @param body    null when there is none
 */
record OutboundRequest(String method, URI uri, List<String[]> headers, byte[] body, String contentType,
                       long timeoutMillis, boolean followRedirects) {

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** Headers the client sets itself; a script setting one gets an {@code InvalidArgument}. */
    static final Set<String> RESERVED = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "expect", "proxy-authorization", "proxy-connection",
            "user-agent");
    static final Set<String> OPTIONS = Set.of("headers", "timeout_ms", "follow_redirects");
    static final Set<String> REQUEST_KEYS = Set.of("method", "url", "headers", "body", "timeout_ms",
            "follow_redirects");
    static final int MAX_URL_LENGTH = 8_192;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

    /** {@code http::get(url[, options])}, {@code http::post(url, body[, options])}. */
    static OutboundRequest of(String method, Object url, Object body, Object options, HttpSettings settings)
            throws HostException {
        Map<?, ?> opts = mapOrEmpty(options, "options");
        checkKeys(opts, OPTIONS, "options");
        return build(method, url, body, opts, settings);
    }

    /** {@code http::request(#{ method, url, headers, body, timeout_ms, follow_redirects })}. */
    static OutboundRequest of(Object request, HttpSettings settings) throws HostException {
        if (!(request instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("http::request takes a map #{ method, url, headers, body, timeout_ms }");
        }
        checkKeys(map, REQUEST_KEYS, "the request map");
        Object m = map.get("method");
        String method = m == null ? "GET" : stringOf(m, "method").toUpperCase(Locale.ROOT);
        return build(method, map.get("url"), map.get("body"), map, settings);
    }

    private static OutboundRequest build(String method, Object url, Object body, Map<?, ?> opts,
                                         HttpSettings settings) throws HostException {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + new java.util.TreeSet<>(METHODS)
                    + ", not '" + method + "'");
        }
        URI uri = uri(url);
        List<String[]> headers = headers(opts.get("headers"), settings.maxRequestHeaderBytes());
        long timeout = settings.timeoutMillis();
        Object t = opts.get("timeout_ms");
        if (t != null) {
            if (!(t instanceof Long ms) || ms <= 0 || ms > settings.maxTimeoutMillis()) {
                throw new IllegalArgumentException("timeout_ms must be an integer from 1 to "
                        + settings.maxTimeoutMillis());
            }
            timeout = ms;
        }
        Object f = opts.get("follow_redirects");
        if (f != null && !(f instanceof Boolean)) {
            throw new IllegalArgumentException("follow_redirects must be true or false");
        }
        boolean follow = f == null || (Boolean) f;
        byte[] bytes = null;
        String type = null;
        if (body instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
            type = "text/plain; charset=utf-8";
        } else if (body instanceof byte[] b) {
            bytes = b;
            type = "application/octet-stream";
        } else if (body instanceof Map<?, ?> || body instanceof List<?>) {
            bytes = RhaiJson.toBytes(body);
            type = "application/json";
        } else if (body != null) {
            throw new IllegalArgumentException("a body is a string, a BLOB, a map or an array (sent as JSON), not "
                    + typeName(body));
        }
        if (bytes != null && bytes.length > settings.maxRequestBytes()) {
            throw new HostException("RequestTooLarge", "the request body has " + bytes.length
                    + " bytes, more than " + settings.maxRequestBytes() + " (maxRequestBytes)");
        }
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase("content-type")) {
                type = h[1];
            }
        }
        return new OutboundRequest(method, uri, headers, bytes, type, timeout, follow);
    }

    /** An absolute http or https URL with a host, no user info; the fragment is dropped. */
    static URI uri(Object url) throws HostException {
        if (!(url instanceof String s)) {
            throw new HostException("InvalidUrl", "the url must be a string, not " + typeName(url));
        }
        if (s.length() > MAX_URL_LENGTH) {
            throw new HostException("InvalidUrl", "the url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(s.strip());
        } catch (URISyntaxException e) {
            throw new HostException("InvalidUrl", "not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
        return checked(uri, s);
    }

    /** {@code uri} when it is one a request may go to (also the check of each redirect's target). */
    static URI checked(URI uri, String shown) throws HostException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new HostException("InvalidUrl", "only http and https URLs can be requested, not '"
                    + abbreviated(shown) + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new HostException("InvalidUrl", "the URL has no host name: '" + abbreviated(shown) + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new HostException("InvalidUrl", "a URL with user info (user:password@) is not requested; "
                    + "send an Authorization header instead");
        }
        if (uri.getPort() == 0) {
            throw new HostException("InvalidUrl", "port 0 cannot be requested");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        try {
            return new URI(scheme + "://" + uri.getRawAuthority() + path + query);
        } catch (URISyntaxException e) {
            throw new HostException("InvalidUrl", "not a URL: '" + abbreviated(shown) + "'");
        }
    }

    private static List<String[]> headers(Object value, int maxBytes) {
        List<String[]> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("headers must be a map of names to strings");
        }
        long bytes = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("not a header name: '" + abbreviated(name) + "'");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is set by PiCloud, not by scripts");
            }
            Object v = e.getValue();
            if (!(v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean)) {
                throw new IllegalArgumentException("header " + name + " must be a string, not " + typeName(v));
            }
            String text = String.valueOf(v);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
                    throw new IllegalArgumentException("header " + name + " has a character a header cannot carry");
                }
            }
            bytes += name.length() + text.length() + 4;
            if (bytes > maxBytes) {
                throw new IllegalArgumentException("the headers are larger than " + maxBytes
                        + " bytes (maxRequestHeaderBytes)");
            }
            out.add(new String[] {name, text});
        }
        return out;
    }

    private static Map<?, ?> mapOrEmpty(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " must be a map, not " + typeName(value));
        }
        return map;
    }

    private static void checkKeys(Map<?, ?> map, Set<String> known, String what) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + what + " (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private static String stringOf(Object v, String what) {
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(what + " must be a string, not " + typeName(v));
        }
        return s;
    }

    static String typeName(Object v) {
        if (v == null) {
            return "()";
        } else if (v instanceof Long) {
            return "an integer";
        } else if (v instanceof Double) {
            return "a float";
        } else if (v instanceof Boolean) {
            return "a bool";
        } else if (v instanceof Map<?, ?>) {
            return "a map";
        } else if (v instanceof List<?>) {
            return "an array";
        } else if (v instanceof byte[]) {
            return "a BLOB";
        } else if (v instanceof String) {
            return "a string";
        }
        return "a value of another type";
    }

    static String abbreviated(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
