package io.picloud.runs.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.picloud.api.AttemptOutcome;
import io.picloud.api.LeasedRun;
import io.picloud.api.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's share of the run queue, without OSGi. One thread (the taker) takes as many due runs as there are
 * free workers and then sleeps until a notification on the queue's channel, a worker getting free, or the time
 * of the next due run or lease expiry, but never longer than the sweep (the only timer that fires when idle;
 * retention pruning rides on it). The {@link LeaseHeartbeat} keeps the leases. Each worker runs one attempt
 * ({@link Attempt}) at a time and hands its completion to a completer, so that the commit of one run's end does
 * not keep the worker from the next run (the store combines the completers' statements); while {@code threads}
 * completions wait, no more runs are taken.
 */
final class WorkerLoop {
    /** How often finished runs past their retention are pruned (checked at each wake-up of the taker). */
    static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** How soon to look again at a due run that another transaction held locked. */
    static final Duration LOCKED_RETRY = Duration.ofMillis(100);
    private static final long FIRST_RETRY_MS = 500;
    private static final long MAX_RETRY_MS = 30_000;
    private static final Logger logger = LoggerFactory.getLogger(WorkerLoop.class);

    /** A zero retention keeps those runs forever. */
    record Settings(int threads, Duration lease, Duration sweep, Duration succeededRetention,
                    Duration deadRetention) {
    }

    private final RunStore store;
    private final Attempt attempt;
    private final String node;
    private final Settings settings;
    private final RunMetrics metrics;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor completers;
    private final LeaseHeartbeat heartbeat;
    private final Thread taker;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger completing = new AtomicInteger();
    private final Object lock = new Object();
    private boolean signalled;                      // guarded by lock
    /** Until when the taker sleeps; {@link Instant#MAX} while it is awake. Written under lock. */
    private volatile Instant sleepingUntil = Instant.MAX;
    /** The earliest future due time notified while the taker was awake (it sleeps no longer than that). */
    private Instant notifiedDue = Instant.MAX;     // guarded by lock
    private volatile boolean running = true;
    private String lastProblem;                     // the taker's

    WorkerLoop(RunStore store, Attempt attempt, String node, Settings settings, RunMetrics metrics) {
        this.store = store;
        this.attempt = attempt;
        this.node = node;
        this.settings = settings;
        this.metrics = metrics;
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "picloud-run-worker-" + count.incrementAndGet()));
        AtomicInteger completer = new AtomicInteger();
        this.completers = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "picloud-run-completer-" + completer.incrementAndGet()));
        this.heartbeat = new LeaseHeartbeat(store, node, settings.lease(), metrics);
        this.taker = daemon(this::loop, "picloud-run-taker");
    }

    void start() {
        taker.start();
    }

    /** Stops taking; lets running attempts finish for up to {@code grace} (others are taken again later). */
    void stop(Duration grace) {
        running = false;
        signal();
        join(taker);
        Instant end = Instant.now().plus(grace);
        finish(workers, end);
        finish(completers, end);
        heartbeat.stop();
    }

    int busy() {
        return busy.get();
    }

    /** Until when the taker sleeps unless woken; {@link Instant#MAX} while it is not sleeping (for tests). */
    Instant sleepingUntil() {
        return sleepingUntil;
    }

    /** Workers without an attempt, as far as waiting completions allow. */
    private int free() {
        int threads = settings.threads();
        return Math.max(0, Math.min(threads - busy.get(), 2 * threads - busy.get() - completing.get()));
    }

    /**
     * The store's notification: {@code due} null when unknown (also after the listener reconnected). Work due now
     * wakes the taker; work due later only shortens its sleep (a run taken by another node, whose lease this node
     * must take over if that node dies). Returns whether the taker was woken or will wake earlier.
     */
    boolean notified(Instant due) {
        if (due == null || !due.isAfter(Instant.now())) {
            signal();
            return true;
        }
        synchronized (lock) {
            if (sleepingUntil.equals(Instant.MAX)) { // awake: the next sleep ends by then
                notifiedDue = due.isBefore(notifiedDue) ? due : notifiedDue;
                return false;
            }
            if (due.isBefore(sleepingUntil)) {
                sleepingUntil = due;
                lock.notifyAll();
                return true;
            }
            return false;
        }
    }

    private void signal() {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    private void loop() {
        AutoCloseable listening = null;
        long retryMs = FIRST_RETRY_MS;
        Instant nextPrune = Instant.now().plus(settings.sweep());
        try {
            while (running) {
                Instant deadline;
                try {
                    if (listening == null) {
                        listening = store.onWork(this::notified);
                    }
                    int free = free();
                    List<LeasedRun> taken = free > 0 ? store.take(node, free, settings.lease()) : List.of();
                    for (LeasedRun run : taken) {
                        start(run);
                    }
                    Instant now = Instant.now();
                    if (!now.isBefore(nextPrune)) {
                        nextPrune = now.plus(PRUNE_EVERY);
                        prune(now);
                    }
                    retryMs = FIRST_RETRY_MS;
                    recovered();
                    if (free > 0 && taken.size() == free && free() > 0) {
                        continue; // more may be due, and a worker is free already
                    }
                    deadline = now.plus(settings.sweep());
                    if (taken.size() < free) { // nothing more due now: sleep until something is
                        Instant due = store.nextDue().orElse(deadline);
                        if (!due.isAfter(now)) {
                            // due but skipped: another transaction holds it locked; look again soon, not at once
                            due = now.plus(LOCKED_RETRY);
                        }
                        deadline = due.isBefore(deadline) ? due : deadline;
                    }
                } catch (RuntimeException e) {
                    problem(e);
                    deadline = Instant.now().plusMillis(retryMs);
                    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
                }
                await(deadline);
            }
        } finally {
            close(listening);
        }
    }

    private void await(Instant deadline) {
        synchronized (lock) {
            sleepingUntil = notifiedDue.isBefore(deadline) ? notifiedDue : deadline;
            notifiedDue = Instant.MAX;
            try {
                while (!signalled && running) {
                    long ms = Duration.between(Instant.now(), sleepingUntil).toMillis();
                    if (ms <= 0) {
                        break;
                    }
                    lock.wait(ms);
                }
            } catch (InterruptedException e) {
                running = false;
            } finally {
                signalled = false;
                sleepingUntil = Instant.MAX;
            }
        }
    }

    private void start(LeasedRun run) {
        heartbeat.hold(run);
        busy.incrementAndGet();
        workers.execute(() -> {
            AttemptOutcome outcome;
            try {
                outcome = attempt.run(run);
            } catch (RuntimeException e) {
                logger.warn("Run {} of '{}': attempt {} not run: {}", run.id(), run.script(), run.attempt(),
                        e.toString());
                heartbeat.release(run.id());
                busy.decrementAndGet();
                signal();
                return;
            }
            completing.incrementAndGet();
            busy.decrementAndGet();
            signal();
            try {
                completers.execute(() -> complete(run, outcome));
            } catch (RejectedExecutionException e) { // stopping after the grace: taken again once its lease expires
                heartbeat.release(run.id());
                completing.decrementAndGet();
            }
        });
    }

    private void complete(LeasedRun run, AttemptOutcome outcome) {
        try {
            if (attempt.complete(node, run, outcome, settings.lease(), () -> running)) {
                metrics.completed(outcome.next());
            } else {
                metrics.refused.increment();
            }
        } catch (RuntimeException e) {
            logger.warn("Run {} of '{}': attempt {} not completed: {}", run.id(), run.script(), run.attempt(),
                    e.toString());
        } finally {
            heartbeat.release(run.id());
            completing.decrementAndGet();
            signal();
        }
    }

    private void prune(Instant now) {
        Instant succeeded = before(now, settings.succeededRetention());
        Instant dead = before(now, settings.deadRetention());
        if (succeeded == null && dead == null) {
            return;
        }
        Map<String, Long> counts = store.prune(succeeded, dead);
        metrics.pruned(counts);
        if (counts.values().stream().mapToLong(Long::longValue).sum() > 0) {
            logger.info("Pruned finished runs past their retention: {}", counts);
        }
    }

    private static Instant before(Instant now, Duration retention) {
        return retention.isZero() || retention.isNegative() ? null : now.minus(retention);
    }

    private void problem(RuntimeException e) {
        String p = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (!p.equals(lastProblem)) {
            logger.warn("Cannot take runs now ({}); retrying", p);
            lastProblem = p;
        }
    }

    private void recovered() {
        if (lastProblem != null) {
            logger.info("Taking runs again");
            lastProblem = null;
        }
    }

    private static void close(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            logger.debug("Run notifications not closed cleanly: {}", e.toString());
        }
    }

    private static void finish(ThreadPoolExecutor pool, Instant end) {
        pool.shutdown();
        try {
            long ms = Math.max(0, Duration.between(Instant.now(), end).toMillis());
            if (!pool.awaitTermination(ms, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
