package io.picloud.dashboard.impl;

import org.junit.Test;
import org.osgi.framework.Bundle;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The files this bundle carries (the real build, in target/classes): read as the bundle reads them at activation,
 * index.html among them, loading no inline script (the Content-Security-Policy forbids it) but the bootstrap file.
 */
public class BuiltDashboardTest {
    private static final Path FILES = Paths.get("target/classes" + DashboardEndpoint.FILES_DIRECTORY);

    @Test
    public void theBundleCarriesTheBuiltDashboardAndReadsItAsABundle() throws IOException {
        assertTrue("build the dashboard first (mvn install -pl dashboard): " + FILES.toAbsolutePath(),
                Files.isRegularFile(FILES.resolve("index.html")));
        Map<String, byte[]> read = BundleFiles.read(bundleOver(FILES), DashboardEndpoint.FILES_DIRECTORY);
        try (Stream<Path> walk = Files.walk(FILES)) {
            assertEquals(walk.filter(Files::isRegularFile).count(), read.size());
        }
        DashboardFiles files = DashboardFiles.of(read);
        assertNotNull(files.resolve("/"));
        assertNotNull(files.resolve("/favicon.svg"));
    }

    @Test
    public void indexHtmlLoadsNoInlineScriptOnlyFilesItCarries() throws IOException {
        String html = Files.readString(FILES.resolve("index.html"), StandardCharsets.UTF_8);
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            Matcher src = Pattern.compile("src=\"/([^\"]+)\"").matcher(scripts.group(1));
            assertTrue("an inline script: " + scripts.group(), src.find());
            assertTrue(src.group(1), src.group(1).startsWith("_app/immutable/bootstrap."));
            assertTrue(src.group(1), Files.isRegularFile(FILES.resolve(src.group(1))));
            assertFalse("a classic script: it reads document.currentScript", scripts.group(1).contains("module"));
        }
        assertEquals(1, count);
        assertFalse("an inline event handler attribute", html.matches("(?s).*<[^>]*\\son[a-z]+=.*"));
    }

    /** A bundle whose entries under the directory are the files below {@code root}, as Felix lists them. */
    private static Bundle bundleOver(Path root) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("findEntries")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    assertEquals(DashboardEndpoint.FILES_DIRECTORY, args[0]);
                    try (Stream<Path> walk = Files.walk(root)) {
                        List<URL> urls = walk.map(p -> url(root, p)).toList();
                        return Collections.enumeration(urls);
                    }
                });
    }

    /** A bundle entry URL as Felix makes them, {@code bundle://7.0:1/dashboard-files/index.html}, over the file. */
    private static URL url(Path root, Path file) {
        String below = root.relativize(file).toString().replace('\\', '/');
        String entry = DashboardEndpoint.FILES_DIRECTORY + (below.isEmpty() ? "" : "/" + below)
                + (Files.isDirectory(file) ? "/" : "");
        try {
            return new URL("bundle", "7.0", 1, entry, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) throws IOException {
                    return file.toUri().toURL().openConnection();
                }
            });
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
