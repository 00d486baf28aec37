package io.picloud.http.server.impl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request paths whose meaning depends on who decodes them. Routing goes by Jetty's canonical path, in which
 * an encoded {@code /} stays encoded inside its segment (data for the http routes and the key-value API); but an
 * endpoint, a script or a proxy behind may decode a segment again. A path that has a {@code .} or {@code ..}
 * segment, as sent or after one to {@value #MAX_DECODES} rounds of percent-decoding, with {@code /} and
 * {@code \} both taken as separators, is refused (400) before any endpoint sees it: {@code /fn/a/../../api},
 * {@code /fn/..%2Fapi}, {@code /fn/%2e%2e/api}, {@code /fn/..%5Capi}, {@code /fn/%252e%252e/api}. A path still
 * percent-encoded after that many rounds is refused too.
 */
final class PathGuard {
    static final int MAX_DECODES = 3;

    private PathGuard() {
    }

    /** True when {@code rawPath} (as sent, percent-encoded) must not be served. */
    static boolean refuses(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        // the common case, decided by two scans: no dots and nothing encoded
        if (rawPath.indexOf('.') < 0 && rawPath.indexOf('%') < 0 && rawPath.indexOf('\\') < 0) {
            return false;
        }
        String path = rawPath;
        for (int round = 0; round <= MAX_DECODES; round++) {
            if (hasDotSegment(path)) {
                return true;
            }
            if (path.indexOf('%') < 0) {
                return false;
            }
            String decoded = decode(path);
            if (decoded.equals(path)) {
                return false; // only stray '%' that encode nothing
            }
            path = decoded;
        }
        return true;
    }

    /** A segment (split at '/' and '\', without its ";parameters") that is "." or "..". */
    static boolean hasDotSegment(String path) {
        int start = 0;
        int length = path.length();
        for (int i = 0; i <= length; i++) {
            char c = i < length ? path.charAt(i) : '/';
            if (c == '/' || c == '\\') {
                if (isDots(path, start, i)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static boolean isDots(String path, int start, int end) {
        int semicolon = path.indexOf(';', start);
        if (semicolon >= 0 && semicolon < end) {
            end = semicolon;
        }
        int n = end - start;
        return (n == 1 || n == 2) && path.charAt(start) == '.' && path.charAt(end - 1) == '.';
    }

    /** One round of percent-decoding as UTF-8; a '%' not followed by two hex digits stays as it is. */
    static String decode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
