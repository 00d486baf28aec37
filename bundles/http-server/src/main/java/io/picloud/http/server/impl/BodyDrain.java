package io.picloud.http.server.impl;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

import java.util.concurrent.TimeUnit;

/**
 * Reads and drops the rest of a request body while and after its answer is written, without holding a thread
 * (Jetty calls back when more has arrived), up to a number of bytes and within the read timeout. It is the callback
 * of the answer's write: Jetty's own callback completes once both the write and the drain are done, so that the
 * connection closes only after the client has sent its body, or when the drain gave up.
 */
final class BodyDrain implements Callback {
    private final Request request;
    private final Callback done;
    private final long maxBytes;
    private final long timeoutMillis;
    private long dropped;
    private boolean written;
    private boolean drained;
    private boolean completed;
    private Scheduler.Task timeout;

    BodyDrain(Request request, Callback done, BodyLimits limits, long droppedAlready) {
        this.request = request;
        this.done = done;
        this.maxBytes = limits.maxDiscardBytes();
        this.timeoutMillis = limits.readTimeoutMillis();
        this.dropped = droppedAlready;
    }

    /** Starts dropping; the returned callback is the answer's write callback. */
    BodyDrain start() {
        Scheduler.Task task = request.getComponents().getScheduler()
                .schedule(this::giveUp, timeoutMillis, TimeUnit.MILLISECONDS);
        synchronized (this) {
            timeout = task;
        }
        drop();
        return this;
    }

    /** Reads what has arrived; asks Jetty to call again when more does. Jetty runs it on the I/O thread. */
    private void drop() {
        synchronized (this) {
            // locked: once the drain is done Jetty may recycle the request, which must not be read any more
            while (!drained) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(Invocable.from(InvocationType.NON_BLOCKING, this::drop));
                    return;
                }
                boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
                dropped += chunk.remaining();
                chunk.release();
                if (end || dropped > maxBytes) {
                    drained = true;
                }
            }
        }
        finish();
    }

    /** The read timeout passed: the connection closes (a read still pending makes Jetty abort it). */
    private void giveUp() {
        synchronized (this) {
            drained = true;
        }
        finish();
    }

    @Override
    public void succeeded() {
        synchronized (this) {
            written = true;
        }
        finish();
    }

    @Override
    public void failed(Throwable cause) {
        synchronized (this) {
            if (completed) {
                return;
            }
            completed = true;
            drained = true;
        }
        cancelTimeout();
        done.failed(cause);
    }

    private void finish() {
        synchronized (this) {
            if (completed || !written || !drained) {
                return;
            }
            completed = true;
        }
        cancelTimeout();
        done.succeeded();
    }

    private void cancelTimeout() {
        Scheduler.Task task;
        synchronized (this) {
            task = timeout;
        }
        if (task != null) {
            task.cancel();
        }
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }
}
