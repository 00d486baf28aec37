package io.picloud.http.server.impl;

import io.picloud.http.api.BodyTooLargeException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The body of one request: read whole within the server's {@link BodyLimits}, or, when the answer goes out before
 * it was read to its end, read and dropped after the answer ({@link #afterAnswer}). Used by the thread handling the
 * request.
 */
final class RequestBody {
    private static final byte[] NO_BYTES = new byte[0];

    /** Reading the body was refused or took too long: the server answers {@code status} itself. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private final Request request;
    private final BodyLimits limits;
    private long bytesRead;
    private boolean ended;
    private boolean failed;

    RequestBody(Request request, BodyLimits limits) {
        this.request = request;
        this.limits = limits;
    }

    /** A declared length above zero, or a chunked body. */
    boolean present() {
        long declared = request.getLength();
        return declared > 0 || (declared < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    /**
     * Reads the whole body on a worker thread, at most {@code limit} bytes. The thread waits only while the body is
     * still arriving, and then holds one of the {@link BodyLimits#startWaiting places} for waiting readers.
     *
     * @throws BodyTooLargeException when the body is larger than {@code limit} (the rest stays unread)
     * @throws Refused               408 when it did not arrive within the read timeout, 503 when too many requests
     *                               wait for theirs
     */
    byte[] read(long limit) throws IOException {
        long declared = request.getLength();
        if (declared > limit) {
            throw new BodyTooLargeException(limit);
        }
        if (ended || !present()) {
            return NO_BYTES;
        }
        // a declared length (Jetty holds the client to it) is read into one array of that size, with no copy at the
        // end: the buffer and copy of a ByteArrayOutputStream were a fifth of what a POST /fn request allocated
        Sink out = declared > 0 ? new Sink((int) declared) : new Sink(1024);
        long deadline = System.nanoTime() + limits.readTimeoutNanos();
        boolean waiting = false;
        try {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (!waiting) {
                        if (!limits.startWaiting()) {
                            failed = true; // the answer closes the connection rather than wait for the body
                            throw new Refused(503, "busy", "too many request bodies are arriving; retry shortly");
                        }
                        waiting = true;
                    }
                    awaitContent(deadline);
                    continue;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    throw failure(chunk.getFailure());
                }
                int n = chunk.remaining();
                if (out.size() + (long) n > limit) {
                    bytesRead += n;
                    chunk.release();
                    throw new BodyTooLargeException(limit);
                }
                copy(chunk.getByteBuffer(), out);
                bytesRead += n;
                chunk.release();
                if (chunk.isLast()) {
                    ended = true;
                    return out.bytes();
                }
            }
        } finally {
            if (waiting) {
                limits.endWaiting();
            }
        }
    }

    private void awaitContent(long deadline) throws IOException {
        CountDownLatch arrived = new CountDownLatch(1);
        // counting down cannot block: Jetty may run it on the I/O thread instead of dispatching it to a worker
        request.demand(Invocable.from(Invocable.InvocationType.NON_BLOCKING, arrived::countDown));
        try {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !arrived.await(left, TimeUnit.NANOSECONDS)) {
                throw timedOut();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = true;
            throw new InterruptedIOException("interrupted while reading the body");
        }
    }

    private IOException failure(Throwable cause) {
        failed = true;
        if (cause instanceof TimeoutException) { // the connection's idle timeout
            return timedOut();
        }
        return cause instanceof IOException io ? io : new IOException(cause);
    }

    private Refused timedOut() {
        failed = true;
        return new Refused(408, "timeout", "the request body did not arrive within "
                + limits.readTimeoutMillis() + " ms");
    }

    private static void copy(ByteBuffer buffer, Sink out) {
        if (buffer.hasArray()) {
            out.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        } else {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            out.write(bytes, 0, bytes.length);
        }
    }

    /** The bytes read so far, in an array that grows only when the body is longer than expected. */
    private static final class Sink {
        private byte[] bytes;
        private int size;

        Sink(int expected) {
            bytes = new byte[expected];
        }

        void write(byte[] from, int offset, int length) {
            if (size + length > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(size + length, bytes.length * 2));
            }
            System.arraycopy(from, offset, bytes, size, length);
            size += length;
        }

        int size() {
            return size;
        }

        byte[] bytes() {
            return size == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, size);
        }
    }

    /**
     * Prepares the answer to a request whose body may be unread, before its headers go out, and returns the
     * callback to complete once the answer is written. When the rest of the body has arrived already, it is dropped
     * and the connection stays open. Otherwise the answer says {@code Connection: close}, and the rest is read and
     * dropped while and after the answer is written, up to {@link BodyLimits#maxDiscardBytes} within the read
     * timeout: a client that sends its whole body before it reads (as many do) then gets the answer instead of a
     * connection reset under its feet. Jetty's callback completes after both, and Jetty closes the connection.
     */
    Callback afterAnswer(Response response, Callback callback) {
        if (ended || !present()) {
            return callback;
        }
        if (failed || bytesRead == 0 && request.getHeaders().contains(HttpHeader.EXPECT, "100-continue")) {
            // nothing worth reading: gone, too slow, or a client that waits for "100 Continue" before sending
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
            return callback;
        }
        long discarded = dropAvailable();
        if (ended) {
            return callback;
        }
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
        long declared = request.getLength();
        if (failed || declared > 0 && declared - bytesRead > limits.maxDiscardBytes() - discarded) {
            return callback; // more than is worth reading: Jetty closes the connection after the answer
        }
        return new BodyDrain(request, callback, limits, discarded).start();
    }

    /** Drops what has arrived of the body without waiting; the bytes dropped. */
    private long dropAvailable() {
        long dropped = 0;
        while (dropped <= limits.maxDiscardBytes()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                return dropped;
            }
            if (Content.Chunk.isFailure(chunk)) {
                failed = true;
                return dropped;
            }
            dropped += chunk.remaining();
            bytesRead += chunk.remaining();
            chunk.release();
            if (chunk.isLast()) {
                ended = true;
                return dropped;
            }
        }
        return dropped;
    }
}
