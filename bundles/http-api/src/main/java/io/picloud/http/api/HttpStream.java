package io.picloud.http.api;

/**
 * A streamed answer, started by {@link HttpExchange#stream}: the body is sent in chunks, as they come (Server-Sent
 * Events, a live log). Thread-safe: any thread may send or close, also after {@link HttpEndpoint#handle} has
 * returned; no thread is held while the stream is open. Chunks are written one at a time in the order sent; what
 * the client has not taken yet waits in a bounded backlog, and a client too slow to keep up is disconnected rather
 * than buffered for without bound.
 *
 * <p>The server's idle timeout ({@code idleTimeoutMillis} of {@code io.picloud.http}, 30 s by default) applies: a
 * stream that sends nothing for that long is ended, so send something (an SSE comment) more often.
 */
@org.osgi.annotation.versioning.ProviderType
public interface HttpStream {
    /**
     * Queues {@code chunk} to be sent after the chunks before it; never blocks. False when the stream has ended, or
     * when the chunk would take the backlog of unsent bytes above the limit given to {@link HttpExchange#stream}:
     * the client is then disconnected and the stream ends.
     */
    boolean send(byte[] chunk);

    /**
     * Runs {@code action} once the stream has ended, for whatever reason: closed, the client went away, the server
     * stopped or the client was too slow. A client that went away is noticed when a write to it fails, so within
     * two sends after it left (or the idle timeout): send keep-alives to notice it in time. Runs it at once when the stream has ended already. Called on a server
     * thread: it must not block.
     */
    void onClose(Runnable action);

    /** False once the stream has ended or is ending. */
    boolean isOpen();

    /** Ends the answer once the chunks queued so far are sent; closing twice does nothing. */
    void close();
}
