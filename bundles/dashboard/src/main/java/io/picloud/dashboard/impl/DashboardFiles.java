package io.picloud.dashboard.impl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built dashboard by path ({@code /index.html}, {@code /_app/immutable/...}), and which file answers a request
 * path: the file itself, or for a deep link of the single-page app ({@code /scripts/hello}) index.html, whose
 * script then shows the page. Immutable and safe to share between threads.
 */
final class DashboardFiles {
    static final String INDEX = "/index.html";

    /**
     * Paths that never get the app, even when their endpoint is not installed in this container (e.g. {@code /fn}
     * on a manager-only one): an API client must be told 404, not be handed an HTML page. {@code /_app} is the
     * build's own directory, where a path with no file is a missing asset.
     */
    static final List<String> NO_FALLBACK = List.of("/api", "/fn", "/hooks", "/r", "/health", "/_app");

    private final Map<String, StaticFile> files;
    private final StaticFile index;

    private DashboardFiles(Map<String, StaticFile> files) {
        this.files = Map.copyOf(files);
        this.index = files.get(INDEX);
    }

    /**
     * @param contents every file's bytes by its path, which starts with {@code /}
     * @throws IllegalArgumentException when there is no {@code /index.html}: the dashboard was not built
     */
    static DashboardFiles of(Map<String, byte[]> contents) {
        if (!contents.containsKey(INDEX)) {
            throw new IllegalArgumentException("no " + INDEX + " among the dashboard's " + contents.size()
                    + " files: the bundle was built without the dashboard (dashboard/build)");
        }
        Map<String, StaticFile> files = new HashMap<>();
        contents.forEach((path, bytes) -> files.put(path, new StaticFile(path, bytes)));
        return new DashboardFiles(files);
    }

    /** The file that answers {@code path}, or null (a 404). */
    StaticFile resolve(String path) {
        if (path.equals("/")) {
            return index;
        }
        StaticFile file = files.get(path);
        if (file != null) {
            return file;
        }
        return isAppPath(path) ? index : null;
    }

    /** A path the app may show: no file extension, and not under a prefix of the API or the scripts' endpoints. */
    static boolean isAppPath(String path) {
        for (String prefix : NO_FALLBACK) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return false;
            }
        }
        return !ContentTypes.hasExtension(path);
    }

    int count() {
        return files.size();
    }

    long bytes() {
        return files.values().stream().mapToLong(StaticFile::size).sum();
    }

    long gzippedBytes() {
        return files.values().stream().mapToLong(f -> f.body(true).length).sum();
    }
}
