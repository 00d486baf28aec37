package io.picloud.dashboard.impl;

import org.junit.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

import static io.picloud.dashboard.impl.DashboardFilesTest.bytes;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

/** Cache rules, gzip forms and entity tags of one file. */
public class StaticFileTest {
    private final StaticFile script = new StaticFile("/_app/immutable/chunks/a1.js", bytes("let x = 1;\n".repeat(300)));

    @Test
    public void hashedFilesAreCachedForAYearAndEverythingElseIsRevalidated() {
        assertEquals("public, max-age=31536000, immutable", script.headers(false).get("Cache-Control"));
        assertEquals("public, max-age=31536000, immutable",
                new StaticFile("/_app/immutable/assets/0.css", bytes("a{}")).headers(true).get("Cache-Control"));
        for (String path : new String[] {"/index.html", "/favicon.svg", "/_app/version.json", "/_app/a.js"}) {
            assertEquals(path, "no-cache", new StaticFile(path, bytes("x")).headers(true).get("Cache-Control"));
        }
    }

    @Test
    public void aCompressibleFileIsGzippedOnceAndDecompressesToItsBytes() throws IOException {
        assertTrue(script.hasGzip());
        byte[] gzipped = script.body(true);
        assertTrue(gzipped.length < script.size() / 5);
        assertSame("made once, at construction", gzipped, script.body(true));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            assertArrayEquals(script.body(false), in.readAllBytes());
        }
        assertEquals("gzip", script.headers(true).get("Content-Encoding"));
        assertNull(script.headers(false).get("Content-Encoding"));
        assertEquals("Accept-Encoding", script.headers(true).get("Vary"));
        assertEquals("Accept-Encoding", script.headers(false).get("Vary"));
        assertEquals("text/javascript; charset=utf-8", script.headers(true).get("Content-Type"));
    }

    @Test
    public void imagesAndFilesThatGzipWouldEnlargeAreSentAsTheyAre() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        StaticFile image = new StaticFile("/logo.png", png);
        assertFalse(image.hasGzip());
        assertArrayEquals(png, image.body(true));
        assertNull(image.headers(true).get("Content-Encoding"));
        assertEquals("image/png", image.headers(true).get("Content-Type"));

        StaticFile tiny = new StaticFile("/a.txt", bytes("hi"));
        assertFalse("a gzip header alone is longer than two bytes", tiny.hasGzip());
        assertArrayEquals(bytes("hi"), tiny.body(true));
    }

    @Test
    public void eachEncodingHasItsOwnTagAndEitherOneIsAMatch() {
        String identity = script.headers(false).get("ETag");
        String gzip = script.headers(true).get("ETag");
        assertNotEquals(identity, gzip);
        assertTrue(identity.startsWith("\"") && identity.endsWith("\""));
        assertTrue(script.matches(identity));
        assertTrue(script.matches(gzip));
        assertTrue(script.matches("W/" + gzip));
        assertTrue(script.matches("\"other\", " + identity));
        assertTrue(script.matches("*"));
        assertFalse(script.matches("\"other\""));
        assertFalse(script.matches(null));
        assertFalse(script.matches(""));
        assertNotEquals("another content, another tag", identity,
                new StaticFile("/_app/immutable/chunks/a1.js", bytes("let x = 2;")).headers(false).get("ETag"));
    }

    @Test
    public void aNotModifiedAnswerKeepsTheCacheHeadersAndDropsTheBodyOnes() {
        var headers = script.notModifiedHeaders(true);
        assertEquals(script.headers(true).get("ETag"), headers.get("ETag"));
        assertEquals("public, max-age=31536000, immutable", headers.get("Cache-Control"));
        assertEquals("Accept-Encoding", headers.get("Vary"));
        assertNull(headers.get("Content-Type"));
        assertNull(headers.get("Content-Encoding"));
    }

    @Test
    public void contentTypesByExtension() {
        assertEquals("text/html; charset=utf-8", ContentTypes.of("/index.html").mediaType());
        assertEquals("text/css; charset=utf-8", ContentTypes.of("/a.CSS").mediaType());
        assertEquals("image/svg+xml", ContentTypes.of("/favicon.svg").mediaType());
        assertEquals("application/json", ContentTypes.of("/_app/version.json").mediaType());
        assertEquals("font/woff2", ContentTypes.of("/f.woff2").mediaType());
        assertEquals("application/octet-stream", ContentTypes.of("/README").mediaType());
        assertEquals("application/octet-stream", ContentTypes.of("/a.unknown").mediaType());
    }
}
