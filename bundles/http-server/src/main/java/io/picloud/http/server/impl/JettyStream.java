package io.picloud.http.server.impl;

import io.picloud.http.api.HttpStream;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@link HttpStream} over Jetty 12's asynchronous {@link Response#write}: one write in flight at a time (Jetty
 * allows no more), the next chunk started from the completion of the last by an {@link IteratingCallback}, so no
 * thread waits and a write that completes at once does not recurse. Chunks wait in a queue of at most
 * {@code maxBacklogBytes}; one more fails the request, which makes Jetty abort the connection.
 */
final class JettyStream implements HttpStream {
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final Response response;
    private final Callback done;
    private final int maxBacklogBytes;
    private final Set<JettyStream> open;
    private final Writer writer = new Writer();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final List<Runnable> onClose = new ArrayList<>(2);
    private int backlog;
    private boolean closing;
    private boolean ended;

    /** {@code open}: the server's open streams, which this one joins until it ends (closed when the server stops). */
    JettyStream(Response response, Callback done, int maxBacklogBytes, Set<JettyStream> open) {
        this.response = response;
        this.done = done;
        this.maxBacklogBytes = maxBacklogBytes;
        this.open = open;
        open.add(this);
        // the client going away while nothing is being written (Jetty reports it only to a listener)
        response.getRequest().addFailureListener(this::fail);
    }

    /** Sends the status and headers now, so that the client sees the stream begin. */
    void start() {
        synchronized (this) {
            queue.add(END);
        }
        writer.iterate();
    }

    @Override
    public boolean send(byte[] chunk) {
        boolean tooSlow;
        synchronized (this) {
            if (closing || ended) {
                return false;
            }
            tooSlow = backlog + (long) chunk.length > maxBacklogBytes;
            if (!tooSlow) {
                queue.add(ByteBuffer.wrap(chunk));
                backlog += chunk.length;
            }
        }
        if (tooSlow) {
            fail(new IOException("the client reads too slowly: more than " + maxBacklogBytes + " bytes unsent"));
            return false;
        }
        writer.iterate();
        return true;
    }

    @Override
    public void onClose(Runnable action) {
        synchronized (this) {
            if (!ended) {
                onClose.add(action);
                return;
            }
        }
        action.run();
    }

    @Override
    public synchronized boolean isOpen() {
        return !closing && !ended;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing || ended) {
                return;
            }
            closing = true;
        }
        writer.iterate();
    }

    /** Ends the stream at once: the request fails, and Jetty aborts the connection and any write in flight. */
    void fail(Throwable cause) {
        if (end()) {
            done.failed(cause);
        }
    }

    /** Marks the stream ended once; true for the caller that did, which completes Jetty's callback. */
    private boolean end() {
        List<Runnable> actions;
        synchronized (this) {
            if (ended) {
                return false;
            }
            ended = true;
            queue.clear();
            backlog = 0;
            actions = List.copyOf(onClose);
            onClose.clear();
        }
        open.remove(this);
        for (Runnable action : actions) {
            action.run();
        }
        return true;
    }

    /** Writes the queued chunks one after the other; the last write ends the response once closing. */
    private final class Writer extends IteratingCallback {
        private boolean lastWritten;

        @Override
        protected Action process() {
            ByteBuffer next;
            boolean last = false;
            synchronized (JettyStream.this) {
                if (ended) {
                    return Action.SUCCEEDED;
                }
                next = queue.poll();
                if (next != null) {
                    backlog -= next.remaining();
                } else if (closing && !lastWritten) {
                    lastWritten = true;
                    next = END;
                    last = true;
                } else {
                    return closing ? Action.SUCCEEDED : Action.IDLE;
                }
            }
            response.write(last, next, this);
            return Action.SCHEDULED;
        }

        @Override
        protected void onCompleteSuccess() {
            if (lastWritten && end()) {
                done.succeeded();
            }
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            fail(cause);
        }
    }
}
