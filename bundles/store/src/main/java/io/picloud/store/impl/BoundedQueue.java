package io.picloud.store.impl;

import java.util.Collection;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded many-producers, one-consumer queue without a lock: every request thread offers to it, and with
 * {@link java.util.concurrent.ArrayBlockingQueue}'s single lock they queued up behind each other and the consumer.
 * The bound is a counter beside a lock-free queue, so it may be overshot by at most the number of racing producers'
 * failed increments (they back out), never undershot.
 */
final class BoundedQueue<T> {
    private final LinkedTransferQueue<T> items = new LinkedTransferQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

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
        return true;
    }

    /** Waits for an item. */
    T take() throws InterruptedException {
        T item = items.take();
        size.decrementAndGet();
        return item;
    }

    int drainTo(Collection<? super T> into, int max) {
        int n = items.drainTo(into, max);
        size.addAndGet(-n);
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
        return size.get();
    }

    boolean isEmpty() {
        return size.get() == 0;
    }
}
