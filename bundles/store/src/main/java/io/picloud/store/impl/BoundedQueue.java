package io.picloud.store.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A bounded many-producers, one-consumer queue that the consumer empties in bulk. Producers (request threads, or
 * the one HTTP I/O thread that runs short scripts inline) append to a list under a lock held for a few
 * nanoseconds, with no node to allocate and no consumer to wake unless it is waiting; the consumer takes up to a
 * batch at once. A lock-free linked queue cost more here: an allocation and a CAS per record on the way in and a
 * pointer chase per record on the way out.
 */
final class BoundedQueue<T> {
    private final Object lock = new Object();
    private final int capacity;
    private List<T> items = new ArrayList<>();
    private boolean consumerWaiting;

    BoundedQueue(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** False, and nothing queued, when the queue is full. */
    boolean offer(T item) {
        synchronized (lock) {
            if (items.size() >= capacity) {
                return false;
            }
            items.add(item);
            if (consumerWaiting) {
                lock.notify();
            }
            return true;
        }
    }

    /** Waits until there is at least one item. */
    void awaitItems() throws InterruptedException {
        synchronized (lock) {
            while (items.isEmpty()) {
                consumerWaiting = true;
                try {
                    lock.wait();
                } finally {
                    consumerWaiting = false;
                }
            }
        }
    }

    /** Moves up to {@code max} items, oldest first, into {@code into}; returns how many. */
    int drainTo(Collection<? super T> into, int max) {
        synchronized (lock) {
            int n = Math.min(max, items.size());
            if (n == items.size()) {
                into.addAll(items);
                items = new ArrayList<>(Math.max(16, n));
            } else {
                List<T> head = items.subList(0, n);
                into.addAll(head);
                head.clear();
            }
            return n;
        }
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
        synchronized (lock) {
            return items.size();
        }
    }

    boolean isEmpty() {
        return size() == 0;
    }
}
