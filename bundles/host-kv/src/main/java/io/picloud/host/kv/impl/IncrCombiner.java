package io.picloud.host.kv.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.picloud.api.KvRefusedException;

/**
 * Combines concurrent {@code kv::incr} calls on one key of this node into one atomic statement: while a statement
 * for the key runs, further calls wait; the first of them then adds all their amounts at once, and each call gets
 * the value it would have had run alone in that order (the sum's result minus what the calls after it added). So
 * every caller still sees a distinct, exact count, and a hot counter costs one database commit per batch instead of
 * one per call. A batch whose sum leaves the 64-bit range runs its calls one by one; any other refusal (the value
 * is not an INT, the namespace is full, the database is away) is every caller's. Thread-safe.
 */
final class IncrCombiner {
    /** The store's atomic increment of one key. */
    @FunctionalInterface
    interface Increment {
        long add(long by);
    }

    private record Key(String namespace, String key) {
    }

    /**
     * One waiting call: its amount and, once its batch ran, its outcome (a Long or a RuntimeException). Its signal
     * completes true when the outcome is there, false when the call is to run the next batch itself.
     */
    private static final class Waiter {
        final long by;
        final CompletableFuture<Boolean> signal = new CompletableFuture<>();
        Object outcome;

        Waiter(long by) {
            this.by = by;
        }

        void done(Object result) {
            outcome = result;
            signal.complete(Boolean.TRUE);
        }

        long value() {
            if (outcome instanceof RuntimeException e) {
                throw e;
            }
            return (Long) outcome;
        }
    }

    /** The calls waiting per key while a batch of it runs; a key is present while a batch of it runs. */
    private final Map<Key, List<Waiter>> waiting = new HashMap<>();
    private long batches;

    /**
     * Adds {@code by} to the key through {@code store} (possibly with other calls') and returns this call's value.
     * Waits without giving up on interruption: a waiting call may have to run the next batch for others.
     */
    long incr(String namespace, String key, long by, Increment store) {
        Key k = new Key(namespace, key);
        Waiter me = new Waiter(by);
        boolean lead;
        synchronized (waiting) {
            List<Waiter> queue = waiting.get(k);
            lead = queue == null;
            waiting.computeIfAbsent(k, x -> new ArrayList<>()).add(me);
        }
        if (!lead && me.signal.join()) {
            return me.value();
        }
        List<Waiter> batch;
        synchronized (waiting) {
            batch = waiting.put(k, new ArrayList<>());
            batches++;
        }
        run(batch, store);
        synchronized (waiting) {
            List<Waiter> next = waiting.get(k);
            if (next.isEmpty()) {
                waiting.remove(k);
            } else {
                next.get(0).signal.complete(Boolean.FALSE); // it runs the calls that came meanwhile
            }
        }
        return me.value();
    }

    /** How many calls of the key wait for the batch running (for tests). */
    int waiting(String namespace, String key) {
        synchronized (waiting) {
            List<Waiter> queue = waiting.get(new Key(namespace, key));
            return queue == null ? 0 : queue.size();
        }
    }

    /** How many batches ran (for tests). */
    long batches() {
        synchronized (waiting) {
            return batches;
        }
    }

    private static void run(List<Waiter> batch, Increment store) {
        long sum = 0;
        boolean fits = true;
        for (Waiter w : batch) {
            try {
                sum = Math.addExact(sum, w.by);
            } catch (ArithmeticException e) {
                fits = false;
                break;
            }
        }
        if (fits) {
            try {
                long value = store.add(sum);
                // (calls whose amounts are near 2^63 apart could pass a value outside the range on the way to an
                // in-range sum, which alone one of them would have been refused for; such amounts are not counts)
                long before = value - sum;
                for (Waiter w : batch) {
                    before += w.by;
                    w.done(before);
                }
                return;
            } catch (KvRefusedException e) {
                if (e.reason() != KvRefusedException.Reason.OUT_OF_RANGE || batch.size() == 1) {
                    fail(batch, e);
                    return;
                }
            } catch (RuntimeException e) {
                fail(batch, e);
                return;
            }
        }
        for (Waiter w : batch) { // one by one: only the calls that leave the range fail
            try {
                w.done(store.add(w.by));
            } catch (RuntimeException e) {
                w.done(e);
            }
        }
    }

    private static void fail(List<Waiter> batch, RuntimeException e) {
        for (Waiter w : batch) {
            w.done(e);
        }
    }
}
