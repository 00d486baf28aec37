package io.picloud.runs.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
 * retention pruning rides on it). A heartbeat renews every held lease in one statement, and runs only while
 * leases are held. Each worker runs one attempt ({@link Attempt}) at a time.
 */
final class WorkerLoop {
    /** How often finished runs past their retention are pruned (checked at each wake-up of the taker). */
    static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final long FIRST_RETRY_MS = 500;
    private static final long MAX_RETRY_MS = 30_000;
    private static final Logger logger = LoggerFactory.getLogger(WorkerLoop.class);

    /** A zero retention keeps those runs forever. */
    record Settings(int threads, Duration lease, Duration sweep, Duration succeededRetention,
                    Duration deadRetention) {
        Duration heartbeat() {
            return lease.dividedBy(3);
        }
    }

    private final RunStore store;
    private final Attempt attempt;
    private final String node;
    private final Settings settings;
    private final RunMetrics metrics;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService heartbeats;
    private final Thread taker;
    private final Map<Long, LeasedRun> held = new ConcurrentHashMap<>();
    private final AtomicInteger busy = new AtomicInteger();
    private final Object lock = new Object();
    private boolean signalled;                      // guarded by lock
    private ScheduledFuture<?> beat;                // guarded by lock
    /** Until when the taker sleeps; a notification of work due later than that needs no wake-up. */
    private volatile Instant sleepingUntil = Instant.MAX;
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
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "picloud-run-heartbeat"));
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
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        heartbeats.shutdownNow();
    }

    int busy() {
        return busy.get();
    }

    /** The store's notification: {@code due} null when unknown (also after the listener reconnected). */
    void notified(Instant due) {
        if (due == null || !due.isAfter(sleepingUntil)) {
            signal();
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
                    int free = settings.threads() - busy.get();
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
                    if (free > 0 && taken.size() == free && busy.get() < settings.threads()) {
                        continue; // more may be due, and a worker is free already
                    }
                    deadline = now.plus(settings.sweep());
                    if (taken.size() < free) { // nothing more due now: sleep until something is
                        Instant due = store.nextDue().orElse(deadline);
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
            sleepingUntil = deadline;
            try {
                while (!signalled && running) {
                    long ms = Duration.between(Instant.now(), deadline).toMillis();
                    if (ms <= 0) {
                        break;
                    }
                    lock.wait(ms);
                }
            } catch (InterruptedException e) {
                running = false;
            } finally {
                signalled = false;
                sleepingUntil = Instant.MAX; // while taking, every notification counts
            }
        }
    }

    private void start(LeasedRun run) {
        held.put(run.id(), run);
        busy.incrementAndGet();
        synchronized (lock) {
            if (beat == null) {
                long every = Math.max(1, settings.heartbeat().toMillis());
                beat = heartbeats.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
            }
        }
        workers.execute(() -> {
            try {
                AttemptOutcome outcome = attempt.run(run);
                boolean written = attempt.complete(node, run, outcome, settings.lease(), () -> running);
                if (written) {
                    metrics.completed(outcome.next());
                } else {
                    metrics.refused.increment();
                }
            } catch (RuntimeException e) {
                logger.warn("Run {} of '{}': attempt {} not completed: {}", run.id(), run.script(), run.attempt(),
                        e.toString());
            } finally {
                held.remove(run.id());
                busy.decrementAndGet();
                signal();
            }
        });
    }

    /** The heartbeat: one statement for every held lease; ends itself once none is held. */
    private void renew() {
        Set<Long> ids = Set.copyOf(held.keySet());
        if (ids.isEmpty()) {
            synchronized (lock) {
                if (held.isEmpty() && beat != null) {
                    beat.cancel(false);
                    beat = null;
                }
            }
            return;
        }
        try {
            for (long id : store.renew(node, ids, settings.lease())) {
                if (held.remove(id) != null) {
                    metrics.leasesLost.increment();
                    logger.warn("Lost the lease of run {}: it will be completed by whoever took it again", id);
                }
            }
        } catch (RuntimeException e) {
            logger.debug("Leases not renewed: {}", e.toString());
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
