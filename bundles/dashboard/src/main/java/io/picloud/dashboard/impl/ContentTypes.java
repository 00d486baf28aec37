package io.picloud.dashboard.impl;

import java.util.Locale;
import java.util.Map;

/** The media type of a built file by its extension, and whether gzip makes it smaller. */
final class ContentTypes {
    record Type(String mediaType, boolean compressible) {
    }

    private static final Type BINARY = new Type("application/octet-stream", false);

    private static final Map<String, Type> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", new Type("text/html; charset=utf-8", true)),
            Map.entry("js", new Type("text/javascript; charset=utf-8", true)),
            Map.entry("mjs", new Type("text/javascript; charset=utf-8", true)),
            Map.entry("css", new Type("text/css; charset=utf-8", true)),
            Map.entry("json", new Type("application/json", true)),
            Map.entry("map", new Type("application/json", true)),
            Map.entry("webmanifest", new Type("application/manifest+json", true)),
            Map.entry("svg", new Type("image/svg+xml", true)),
            Map.entry("txt", new Type("text/plain; charset=utf-8", true)),
            Map.entry("xml", new Type("application/xml", true)),
            Map.entry("ico", new Type("image/x-icon", true)),
            Map.entry("png", new Type("image/png", false)),
            Map.entry("jpg", new Type("image/jpeg", false)),
            Map.entry("jpeg", new Type("image/jpeg", false)),
            Map.entry("gif", new Type("image/gif", false)),
            Map.entry("webp", new Type("image/webp", false)),
            Map.entry("avif", new Type("image/avif", false)),
            Map.entry("woff2", new Type("font/woff2", false)),
            Map.entry("woff", new Type("font/woff", false)),
            Map.entry("wasm", new Type("application/wasm", true)));

    private ContentTypes() {
    }

    static Type of(String path) {
        String extension = extension(path);
        return extension == null ? BINARY : BY_EXTENSION.getOrDefault(extension.toLowerCase(Locale.ROOT), BINARY);
    }

    /**
     * True when the last segment of {@code path} ends in a file extension: a dot, then a letter, then letters or
     * digits. A dot followed by digits only is not one, so the deep link of an invocation, {@code /invocations/12.3},
     * still gets the app.
     */
    static boolean hasExtension(String path) {
        return extension(path) != null;
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/') || dot == path.length() - 1) {
            return null;
        }
        String extension = path.substring(dot + 1);
        if (!Character.isLetter(extension.charAt(0))) {
            return null;
        }
        for (int i = 1; i < extension.length(); i++) {
            if (!Character.isLetterOrDigit(extension.charAt(i))) {
                return null;
            }
        }
        return extension;
    }
}
