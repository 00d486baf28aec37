package io.picloud.dashboard.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One built file, held in memory as it is answered: its bytes, its gzip form when that is smaller, an entity tag for
 * each (a representation's tag differs by encoding, so a cache never mixes them up), and the headers of a 200.
 * Immutable; made once at activation.
 */
final class StaticFile {
    /** SvelteKit names every file here after its content hash: a new build gives new names. */
    static final String IMMUTABLE_DIRECTORY = "/_app/immutable/";
    static final String CACHE_IMMUTABLE = "public, max-age=31536000, immutable";
    /** Stored, but revalidated on every use: index.html names the current build's hashed files. */
    static final String CACHE_REVALIDATE = "no-cache";

    private final String path;
    private final byte[] identity;
    private final byte[] gzip;
    private final String etag;
    private final String gzipEtag;
    private final Map<String, String> identityHeaders;
    private final Map<String, String> gzipHeaders;

    StaticFile(String path, byte[] content) {
        this.path = path;
        this.identity = content.clone();
        ContentTypes.Type type = ContentTypes.of(path);
        byte[] compressed = type.compressible() ? gzip(identity) : null;
        this.gzip = compressed != null && compressed.length < identity.length ? compressed : null;
        String hash = hash(identity);
        this.etag = '"' + hash + '"';
        this.gzipEtag = '"' + hash + "-gz\"";
        String cache = path.startsWith(IMMUTABLE_DIRECTORY) ? CACHE_IMMUTABLE : CACHE_REVALIDATE;
        this.identityHeaders = headers(type.mediaType(), cache, etag, null);
        this.gzipHeaders = gzip == null ? identityHeaders : headers(type.mediaType(), cache, gzipEtag, "gzip");
    }

    String path() {
        return path;
    }

    int size() {
        return identity.length;
    }

    boolean hasGzip() {
        return gzip != null;
    }

    /** The body: gzipped when the client takes gzip and it is smaller. */
    byte[] body(boolean gzipAccepted) {
        return useGzip(gzipAccepted) ? gzip : identity;
    }

    /** The headers of an answer with this file (a 200 or a 304), {@code Content-Type} among them. */
    Map<String, String> headers(boolean gzipAccepted) {
        return useGzip(gzipAccepted) ? gzipHeaders : identityHeaders;
    }

    /** The headers of a 304: those of a 200 less the ones that describe a body, which a 304 has not. */
    Map<String, String> notModifiedHeaders(boolean gzipAccepted) {
        Map<String, String> headers = new LinkedHashMap<>(headers(gzipAccepted));
        headers.remove("Content-Type");
        headers.remove("Content-Encoding");
        return headers;
    }

    /** True when an {@code If-None-Match} names either representation: the client holds this content. */
    boolean matches(String ifNoneMatch) {
        return EntityTags.matches(ifNoneMatch, etag, gzipEtag);
    }

    private boolean useGzip(boolean gzipAccepted) {
        return gzipAccepted && gzip != null;
    }

    private static Map<String, String> headers(String mediaType, String cache, String etag, String encoding) {
        Map<String, String> headers = new LinkedHashMap<>(SecurityHeaders.ALL);
        headers.put("Content-Type", mediaType);
        headers.put("Cache-Control", cache);
        headers.put("ETag", etag);
        headers.put("Vary", "Accept-Encoding");
        if (encoding != null) {
            headers.put("Content-Encoding", encoding);
        }
        return Map.copyOf(headers);
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            zip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not with a ByteArrayOutputStream
        }
        return out.toByteArray();
    }

    private static String hash(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
