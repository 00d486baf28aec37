package io.picloud.trigger.httproute.impl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route path pattern such as {@code /users/{id}} or {@code /files/{path*}}: literal segments, named parameters
 * (one whole segment each) and an optional trailing catch-all (one or more segments). Immutable.
 */
final class RoutePattern implements Comparable<RoutePattern> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final int LITERAL = 0;
    private static final int PARAM = 1;
    private static final int CATCH_ALL = 2;

    private final String text;
    private final List<String> segments; // literal text, or the parameter name
    private final int[] kinds;

    private RoutePattern(String text, List<String> segments, int[] kinds) {
        this.text = text;
        this.segments = segments;
        this.kinds = kinds;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException saying what is wrong (empty segment, bad or duplicate parameter name,
     *                                  catch-all not last)
     */
    static RoutePattern parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/', e.g. /users/{id}");
        }
        if (text.length() > 1024) {
            throw new IllegalArgumentException("must be at most 1024 characters");
        }
        List<String> segments = new ArrayList<>();
        if (text.equals("/")) {
            return new RoutePattern(text, List.of(), new int[0]);
        }
        String[] parts = text.substring(1).split("/", -1);
        int[] kinds = new int[parts.length];
        Set<String> names = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                throw new IllegalArgumentException("has an empty segment at position " + (i + 1)
                        + " ('//' or a trailing '/')");
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                String name = part.substring(1, part.length() - 1);
                boolean catchAll = name.endsWith("*");
                if (catchAll) {
                    name = name.substring(0, name.length() - 1);
                    if (i != parts.length - 1) {
                        throw new IllegalArgumentException("catch-all {" + name + "*} must be the last segment");
                    }
                }
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("parameter name '" + name + "' must match "
                            + "[A-Za-z_][A-Za-z0-9_]*");
                }
                if (!names.add(name)) {
                    throw new IllegalArgumentException("parameter '" + name + "' appears twice");
                }
                segments.add(name);
                kinds[i] = catchAll ? CATCH_ALL : PARAM;
            } else {
                if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                    throw new IllegalArgumentException("segment '" + part + "': a parameter must be a whole "
                            + "segment such as {id}");
                }
                if (part.equals(".") || part.equals("..") || part.indexOf('?') >= 0 || part.indexOf('#') >= 0
                        || part.indexOf('*') >= 0) {
                    throw new IllegalArgumentException("segment '" + part + "' is not allowed");
                }
                segments.add(part);
                kinds[i] = LITERAL;
            }
        }
        return new RoutePattern(text, Collections.unmodifiableList(segments), kinds);
    }

    String text() {
        return text;
    }

    /** The shape: equal for equivalent patterns (same literals, parameters in the same places). */
    String shape() {
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < kinds.length; i++) {
            shape.append('/').append(kinds[i] == LITERAL ? "=" + segments.get(i) : kinds[i] == PARAM ? "{}" : "{*}");
        }
        return shape.length() == 0 ? "/" : shape.toString();
    }

    /**
     * Matches a request path split into its (already decoded) segments.
     *
     * @return the parameters by name, or null when the path does not match
     */
    Map<String, Object> match(List<String> path) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == CATCH_ALL) {
                if (i >= path.size()) {
                    return null;
                }
                params.put(segments.get(i), String.join("/", path.subList(i, path.size())));
                return params;
            }
            if (i >= path.size()) {
                return null;
            }
            if (kinds[i] == LITERAL) {
                if (!segments.get(i).equals(path.get(i))) {
                    return null;
                }
            } else {
                params.put(segments.get(i), path.get(i));
            }
        }
        return path.size() == kinds.length ? params : null;
    }

    /**
     * Precedence, most specific first: at the first position where the kinds differ a literal beats a parameter
     * and a parameter beats a catch-all; when one pattern is a prefix of the other, the longer comes first.
     */
    @Override
    public int compareTo(RoutePattern other) {
        int common = Math.min(kinds.length, other.kinds.length);
        for (int i = 0; i < common; i++) {
            if (kinds[i] != other.kinds[i]) {
                return Integer.compare(kinds[i], other.kinds[i]);
            }
        }
        return Integer.compare(other.kinds.length, kinds.length);
    }

    @Override
    public String toString() {
        return text;
    }
}
