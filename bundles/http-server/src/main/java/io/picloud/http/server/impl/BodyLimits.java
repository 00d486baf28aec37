package io.picloud.http.server.impl;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The server's bounds on request bodies, shared by every request: how long a body may take to arrive, how many
 * requests may wait for theirs on a worker thread at once, and how much of a body nobody read is dropped after the
 * answer before the connection is closed instead. Thread-safe.
 */
final class BodyLimits {
    private final long readTimeoutMillis;
    private final long maxDiscardBytes;
    private final int maxWaitingReads;
    private final Semaphore waitingReads;

    BodyLimits(long readTimeoutMillis, int maxWaitingReads, long maxDiscardBytes) {
        this.readTimeoutMillis = Math.max(1, readTimeoutMillis);
        this.maxWaitingReads = Math.max(1, maxWaitingReads);
        this.maxDiscardBytes = Math.max(0, maxDiscardBytes);
        this.waitingReads = new Semaphore(this.maxWaitingReads);
    }

    static BodyLimits of(HttpServerConfig config, int workerThreads) {
        int reads = config.maxConcurrentBodyReads() > 0 ? config.maxConcurrentBodyReads() : workerThreads / 2;
        return new BodyLimits(config.bodyReadTimeoutMillis(), reads, config.maxDiscardBytes());
    }

    long readTimeoutMillis() {
        return readTimeoutMillis;
    }

    long readTimeoutNanos() {
        return TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis);
    }

    long maxDiscardBytes() {
        return maxDiscardBytes;
    }

    int maxWaitingReads() {
        return maxWaitingReads;
    }

    /**
     * Takes one of the places for a request that waits for its body on a worker thread; false when all are taken.
     * Never waits: a reader that finds its whole body arrived needs no place.
     */
    boolean startWaiting() {
        return waitingReads.tryAcquire();
    }

    void endWaiting() {
        waitingReads.release();
    }
}
