package io.picloud.http.api;

import java.io.IOException;
import java.util.Map;
import java.util.function.BiConsumer;

/** One HTTP request and the means to answer it. Not thread-safe: used by the thread that handles the request. */
public interface HttpExchange {
    /** The method, upper case as sent ({@code GET}, {@code POST} ...). */
    String method();

    /** The request path, percent-decoded, starting with the endpoint's prefix (e.g. {@code /fn/hello/x}). */
    String path();

    /**
     * The request path percent-encoded, e.g. to keep an encoded {@code /} inside its segment: the form the server
     * routed by (PiCloud's server gives Jetty's canonical path: as sent, with characters that need no encoding
     * decoded and path parameters removed), so it starts with the endpoint's prefix.
     */
    String rawPath();

    /** The part of {@link #path()} after the endpoint's prefix: {@code ""} or starting with {@code /}. */
    String pathWithinPrefix();

    /** The raw query string without {@code ?}, or null when there is none. */
    String query();

    /** The first value of a header (name case-insensitive), or null. */
    String header(String name);

    /** Every header field in the order received, with its name as sent. */
    void forEachHeader(BiConsumer<String, String> action);

    /** The {@code Content-Type} header, or null. */
    String contentType();

    /** The declared body length, or -1 when the client did not declare one (chunked or no body). */
    long contentLength();

    /** Whether the request carries a body: a declared length above zero, or a chunked one. */
    default boolean hasBody() {
        return contentLength() > 0 || (contentLength() < 0 && header("Transfer-Encoding") != null);
    }

    /** The client's address (IP), as seen by this server. */
    String remoteAddress();

    /**
     * Reads the whole body.
     *
     * @param limit the largest body accepted, in bytes
     * @throws BodyTooLargeException when the declared or actual body is larger than {@code limit} (the rest of the
     *                               body is then discarded; answer 413)
     * @throws IOException when the client went away, or when the server refused to wait for the body (it did not
     *                     arrive within the server's read timeout: 408; too many bodies arriving at once: 503);
     *                     the server has then answered itself, and a later {@link #respond} is ignored
     */
    byte[] body(long limit) throws IOException;

    /**
     * Sends the answer. The server sets {@code Content-Length}; the body is not sent for {@code HEAD}, 204 and 304
     * answers. Call exactly once.
     *
     * @param contentType the body's type; null to leave it to a {@code Content-Type} in {@code headers}, if any
     */
    void respond(int status, Map<String, String> headers, String contentType, byte[] body) throws IOException;

    /**
     * Answers with a body sent in chunks through the returned stream (no {@code Content-Length}): sends the status
     * and headers now, instead of {@link #respond}. Call at most once, and not together with {@code respond}. For
     * {@code HEAD} the stream comes back ended, after the headers.
     *
     * @param contentType     the body's type, e.g. {@code text/event-stream}
     * @param maxBacklogBytes the most bytes that may wait unsent; a chunk beyond it disconnects the client
     * @throws UnsupportedOperationException when the server cannot stream (the default)
     * @since 0.3
     */
    default HttpStream stream(int status, Map<String, String> headers, String contentType, int maxBacklogBytes)
            throws IOException {
        throw new UnsupportedOperationException("this server does not stream answers");
    }
}
