package io.picloud.store.impl;

import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded many-producers, one-consumer queue that the consumer empties in bulk. Producers (request threads, or
 * the HTTP I/O threads that run short scripts inline) never take a lock: a lock held for nanoseconds still stalls
 * every other request thread for a whole scheduling slice when its holder is preempted, which on a two-core machine
 * with dozens of runnable request threads happened often enough to show in the 99th percentile (JFR: monitor waits
 * of 10-130 ms in {@code offer}). The consumer is woken only when it is waiting. {@link #size()} is exact when no
 * offer is under way, and never counts more than the capacity.
 */
final class BoundedQueue<T> {
    private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private volatile Thread waiting;

    BoundedQueue(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** False, and nothing queued, when the queue is full. */
    boolean offer(T item) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        items.offer(item);
        Thread consumer = waiting;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
        return true;
    }

    /** Waits until there is at least one item. Called by the one consumer thread only. */
    void awaitItems() throws InterruptedException {
        Thread me = Thread.currentThread();
        while (items.isEmpty()) {
            waiting = me;
            try {
                // checked again once this thread is published as waiting: an offer before that did not wake it
                if (!items.isEmpty()) {
                    return;
                }
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            } finally {
                waiting = null;
            }
        }
    }

    /** Moves up to {@code max} items, oldest first, into {@code into}; returns how many. */
    int drainTo(Collection<? super T> into, int max) {
        int n = 0;
        while (n < max) {
            T item = items.poll();
            if (item == null) {
                break;
            }
            into.add(item);
            n++;
        }
        if (n > 0) {
            size.addAndGet(-n);
        }
        return n;
    }

    int drainTo(Collection<? super T> into) {
        return drainTo(into, Integer.MAX_VALUE);
    }

    /** Puts back as many of {@code back} as fit; returns how many. */
    int addAll(Collection<? extends T> back) {
        int added = 0;
        for (T item : back) {
            if (!offer(item)) {
                break;
            }
            added++;
        }
        return added;
    }

    int size() {
        return Math.max(0, Math.min(capacity, size.get()));
    }

    boolean isEmpty() {
        return items.isEmpty();
    }
}
