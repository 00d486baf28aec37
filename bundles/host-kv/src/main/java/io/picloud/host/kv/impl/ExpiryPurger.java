package io.picloud.host.kv.impl;

import java.util.OptionalLong;

import io.picloud.api.KvStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired kv entries, sleeping until the earliest expiry it knows of: the one the database reports after
 * each purge (entries set on any node), or a nearer one set on this node since ({@link #expiresIn}, which wakes it).
 * No timer runs while nothing expires; at start it sweeps once (one statement: a purge that also reads the next
 * expiry). Expired entries are
 * invisible to scripts anyway: purging only frees their rows, in batches of a bounded size.
 */
final class ExpiryPurger implements Runnable {
    /** The least sleep between two purges (expiries due at once, rows other nodes hold locked). */
    static final long MIN_PAUSE_MILLIS = 1_000;
    /** The sleep after a failure (the database away). */
    static final long RETRY_MILLIS = 30_000;
    private static final Logger logger = LoggerFactory.getLogger(ExpiryPurger.class);

    private final KvStore store;
    private final int batchSize;
    private final Thread thread;
    /** {@link System#nanoTime()} of the next purge; {@link Long#MAX_VALUE}: none known. */
    private long dueNanos;
    private boolean stopped;
    private long purges;

    ExpiryPurger(KvStore store, int batchSize) {
        this.store = store;
        this.batchSize = Math.max(1, batchSize);
        this.thread = new Thread(this, "picloud-kv-purger");
        this.thread.setDaemon(true);
        this.dueNanos = System.nanoTime();
    }

    void start() {
        thread.start();
    }

    /** Stops the thread and waits for it (at most a few seconds). */
    void stop() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An entry was given an expiry {@code millis} from now: wakes the purger when that is sooner than it knew. */
    void expiresIn(long millis) {
        long due = System.nanoTime() + Math.max(0, millis) * 1_000_000L;
        synchronized (this) {
            if (dueNanos == Long.MAX_VALUE || due - dueNanos < 0) {
                dueNanos = due;
                notifyAll();
            }
        }
    }

    /** How many purges ran (for tests). */
    synchronized long purges() {
        return purges;
    }

    /** Whether a purge is due at some time (for tests). */
    synchronized boolean waitingForExpiry() {
        return dueNanos != Long.MAX_VALUE;
    }

    @Override
    public void run() {
        while (awaitDue()) {
            long next;
            try {
                KvStore.Purged purged;
                int total = 0;
                do { // one statement each: a batch, and the next expiry ahead
                    purged = store.purgeExpired(batchSize);
                    total += purged.deleted();
                } while (purged.deleted() == batchSize && !isStopped());
                if (total > 0) {
                    logger.debug("Purged {} expired kv entries", total);
                }
                OptionalLong left = purged.millisToNextExpiry();
                next = left.isPresent() ? Math.max(MIN_PAUSE_MILLIS, left.getAsLong()) : -1;
            } catch (RuntimeException e) {
                logger.warn("Purging expired kv entries failed ({}); trying again in {} s", e.getMessage(),
                        RETRY_MILLIS / 1000);
                next = RETRY_MILLIS;
            }
            synchronized (this) {
                purges++;
                notifyAll();
            }
            if (next >= 0) {
                expiresIn(next);
            }
        }
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    /** Sleeps until a purge is due; false once stopped. Takes the due time (a later {@link #expiresIn} sets it). */
    private synchronized boolean awaitDue() {
        while (!stopped) {
            long now = System.nanoTime();
            if (dueNanos != Long.MAX_VALUE && dueNanos - now <= 0) {
                dueNanos = Long.MAX_VALUE;
                return true;
            }
            try {
                if (dueNanos == Long.MAX_VALUE) {
                    wait();
                } else {
                    wait(Math.max(1, (dueNanos - now) / 1_000_000L));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
