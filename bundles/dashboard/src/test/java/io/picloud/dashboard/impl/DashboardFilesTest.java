package io.picloud.dashboard.impl;

import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** Which file answers which path: the file itself, index.html for the app's deep links, nothing for the rest. */
public class DashboardFilesTest {
    static DashboardFiles sample() {
        return DashboardFiles.of(Map.of(
                "/index.html", bytes("<!doctype html><title>PiCloud</title>"),
                "/favicon.svg", bytes("<svg xmlns='http://www.w3.org/2000/svg'/>"),
                "/_app/version.json", bytes("{\"version\":\"1\"}"),
                "/_app/immutable/entry/start.abc.js", bytes("export const start = 1;\n".repeat(200)),
                "/_app/immutable/assets/0.def.css", bytes("body { color: red; }\n".repeat(100)),
                "/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3}));
    }

    private final DashboardFiles files = sample();

    @Test
    public void aPathWithAFileGetsThatFile() {
        assertEquals("/_app/immutable/entry/start.abc.js", files.resolve("/_app/immutable/entry/start.abc.js").path());
        assertEquals("/favicon.svg", files.resolve("/favicon.svg").path());
        assertEquals("/index.html", files.resolve("/index.html").path());
        assertEquals("/index.html", files.resolve("/").path());
    }

    @Test
    public void aDeepLinkOfTheAppGetsIndexHtml() {
        StaticFile index = files.resolve("/");
        for (String path : new String[] {"/scripts/hello", "/scripts/new", "/login", "/invocations/12.3",
                "/triggers/", "/apix", "/functions", "/rooms"}) {
            assertSame(path, index, files.resolve(path));
        }
    }

    @Test
    public void aMissingFileWithAnExtensionIsNotFound() {
        assertNull(files.resolve("/missing.js"));
        assertNull(files.resolve("/scripts/hello.txt"));
        assertNull(files.resolve("/_app/immutable/entry/start.old.js"));
    }

    @Test
    public void theApiAndTheScriptEndpointsNeverGetTheApp() {
        for (String path : new String[] {"/api", "/api/v1/scripts", "/api/v2", "/fn", "/fn/hello", "/hooks/x",
                "/r/users/1", "/health", "/_app", "/_app/immutable/nothing"}) {
            assertNull(path, files.resolve(path));
        }
    }

    @Test
    public void aFileExtensionStartsWithALetter() {
        assertTrue(ContentTypes.hasExtension("/a/b.js"));
        assertTrue(ContentTypes.hasExtension("/b.woff2"));
        assertFalse(ContentTypes.hasExtension("/invocations/12.3"));
        assertFalse(ContentTypes.hasExtension("/a.b/c"));
        assertFalse(ContentTypes.hasExtension("/a."));
        assertFalse(ContentTypes.hasExtension("/a.b-c"));
        assertFalse(ContentTypes.hasExtension("/"));
    }

    @Test
    public void aBuildWithoutIndexHtmlIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DashboardFiles.of(Map.of("/favicon.svg", bytes("<svg/>"))));
        assertTrue(e.getMessage(), e.getMessage().contains("dashboard/build"));
    }

    @Test
    public void countsTheFilesAndTheirBytes() {
        assertEquals(6, files.count());
        assertTrue(files.gzippedBytes() < files.bytes());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
