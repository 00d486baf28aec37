package io.picloud.store.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

import io.picloud.api.StoreUnavailableException;

/**
 * Group commit for one kind of write: callers block in {@link #call} while one thread runs what gathered meanwhile
 * as a single statement ({@link Batch}). Under load each statement (and its commit, a WAL flush) serves many
 * callers; alone, a caller waits for nothing but its own statement (the linger only starts once batches of more
 * than one show that callers are arriving together).
 */
final class Combiner<I, O> {
    /** Runs a batch: one answer per item, in order. A failure fails every caller of the batch. */
    interface Batch<I, O> {
        List<O> run(List<I> items);
    }

    private record Pending<I, O>(I item, CompletableFuture<O> answer) {
    }

    private final String what;
    private final int max;
    private final long lingerNanos;
    private final Batch<I, O> batch;
    private final BoundedQueue<Pending<I, O>> queue;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param max         the most items in one batch
     * @param lingerNanos how long to let items gather before a batch when the last batch had several
     */
    Combiner(String what, int capacity, int max, long lingerNanos, Batch<I, O> batch) {
        this.what = what;
        this.max = max;
        this.lingerNanos = lingerNanos;
        this.batch = batch;
        this.queue = new BoundedQueue<>(capacity);
        this.thread = new Thread(this::drain, "picloud-" + what.replace(' ', '-') + "-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Waits for the batch that carries {@code item} and returns its answer, or throws the batch's failure. */
    O call(I item) {
        if (!running) {
            throw new StoreUnavailableException(what + " stopped", null);
        }
        CompletableFuture<O> answer = new CompletableFuture<>();
        if (!queue.offer(new Pending<>(item, answer))) {
            throw new StoreUnavailableException(what + " busy: too many writes waiting", null);
        }
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending<I, O>> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending<I, O> p : left) {
            p.answer().completeExceptionally(new StoreUnavailableException(what + " stopped", null));
        }
    }

    private void drain() {
        List<Pending<I, O>> taken = new ArrayList<>(max);
        boolean crowded = false;
        while (running) {
            try {
                queue.awaitItems();
            } catch (InterruptedException e) {
                continue;
            }
            if (crowded && queue.size() < max) {
                LockSupport.parkNanos(lingerNanos);
            }
            queue.drainTo(taken, max);
            crowded = taken.size() > 1;
            runBatch(taken);
            taken.clear();
        }
    }

    private void runBatch(List<Pending<I, O>> taken) {
        List<I> items = new ArrayList<>(taken.size());
        for (Pending<I, O> p : taken) {
            items.add(p.item());
        }
        try {
            List<O> answers = batch.run(items);
            for (int i = 0; i < taken.size(); i++) {
                taken.get(i).answer().complete(answers.get(i));
            }
        } catch (StoreUnavailableException e) {
            taken.forEach(p -> p.answer().completeExceptionally(e));
        } catch (RuntimeException e) {
            if (taken.size() == 1) {
                taken.get(0).answer().completeExceptionally(e);
                return;
            }
            // one bad item must not fail the others: each alone
            for (Pending<I, O> p : taken) {
                runBatch(List.of(p));
            }
        }
    }
}
