package io.picloud.trigger.cron.impl;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One open cron binding: a single timer task that sleeps until the next due time. At each due time it claims
 * {@code <binding id>@<due time>} through the callback (so one node of a cluster fires), then fires (the runtime
 * queues the run), honouring the overlap policy. The overlap policy applies per node, to handing runs over.
 *
 * <p>A due time that finds the database away (the claim cannot be recorded, or the run cannot be queued) is missed,
 * and the missed-run policy decides, as after a restart: with {@code missed=once} the job claims the latest such due
 * time again with back-off (1 s doubling to 15 s; a claim fails at once while the database is known to be away)
 * and fires it once when the database is back, with {@code missed: true}; with {@code missed=skip} it is skipped.
 * Every node does the same, and the claim keeps it to one run across the cluster. All state is guarded by
 * {@code this}.
 */
final class CronJob implements TriggerHandle {
    private static final Logger logger = LoggerFactory.getLogger(CronJob.class);
    /** Runs queued behind a still-running one; more are dropped with a warning. */
    static final int MAX_QUEUED = 16;
    static final long FIRST_RETRY_MS = 1_000;
    static final long MAX_RETRY_MS = 15_000;

    private final TriggerBinding binding;
    private final CronConfig config;
    private final TriggerCallback callback;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final ArrayDeque<Instant> queued = new ArrayDeque<>();
    private ScheduledFuture<?> pending;
    private Instant nextDue;
    private boolean running;
    private boolean closed;
    /** The latest due time missed because the database was away, to fire once it is back (missed=once). */
    private Instant missedDue;
    private ScheduledFuture<?> missedRetry;
    private long retryMillis = FIRST_RETRY_MS;
    /** Whether the database was away at the last due time (logged once per outage). */
    private boolean outage;

    CronJob(TriggerBinding binding, CronConfig config, TriggerCallback callback, ScheduledExecutorService timer,
            Clock clock) {
        this.binding = binding;
        this.config = config;
        this.callback = callback;
        this.timer = timer;
        this.clock = clock;
    }

    /** Arms the timer; with {@code missed=once}, first catches up one run missed since the binding last fired. */
    synchronized void start() {
        Instant now = clock.instant();
        Instant lastFired = binding.lastFired();
        if (config.catchUpOnce() && lastFired != null) {
            Instant missed = config.schedule().next(lastFired);
            if (missed != null && missed.isBefore(now)) {
                logger.info("Cron binding '{}' missed its run due at {}; running it once now", binding.id(), missed);
                due(missed, true);
            }
        }
        arm(now);
    }

    synchronized Instant nextDue() {
        return nextDue;
    }

    private void arm(Instant after) {
        if (closed) {
            return;
        }
        nextDue = config.nextDue(after);
        if (nextDue == null) {
            logger.info("Cron binding '{}' has no further due time", binding.id());
            return;
        }
        schedule(nextDue);
    }

    private void schedule(Instant due) {
        long delay = Math.max(0, due.toEpochMilli() - clock.millis());
        pending = timer.schedule(() -> wake(due), delay, TimeUnit.MILLISECONDS);
    }

    /** Timer thread: the sleep ended; fire if the wall clock agrees, else sleep the rest. */
    synchronized void wake(Instant due) {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(due.minusMillis(20))) {
            schedule(due);     // the wall clock was set back or the timer woke early
            return;
        }
        due(due, false);
        // after a suspend, resume from now instead of firing every run in between
        arm(now.isAfter(due) ? now : due);
    }

    private void due(Instant due, boolean missed) {
        if (running) {
            if (!config.queue()) {
                logger.debug("Cron binding '{}': run due at {} skipped, the previous run is still going",
                        binding.id(), due);
            } else if (queued.size() >= MAX_QUEUED) {
                logger.warn("Cron binding '{}': {} runs already queued; run due at {} dropped", binding.id(),
                        MAX_QUEUED, due);
            } else {
                queued.add(due);      // claimed when it runs: meanwhile an idle node may take it
            }
            return;
        }
        claimAndRun(due, missed);
    }

    /** Claims right before firing: the runtime keeps the claim only once the run is handed over. */
    private void claimAndRun(Instant due, boolean missed) {
        switch (callback.tryClaim(key(due))) {
            case WON -> {
                databaseBack();
                run(due, missed);
                if (missedDue != null) {
                    retryMissedSoon();  // the database is back: catch up now, not at the end of the back-off
                }
            }
            case UNAVAILABLE -> missedForTheDatabase(due);
            case TAKEN -> {
                // another node fires this one
            }
        }
    }

    private String key(Instant due) {
        return binding.id() + "@" + due;
    }

    private void run(Instant due, boolean missed) {
        running = true;
        CompletionStage<TriggerResult> stage;
        try {
            stage = callback.fire(event(due, missed));
        } catch (RuntimeException e) {
            logger.warn("Cron binding '{}': the runtime refused the run due at {}: {}", binding.id(), due, e.toString());
            running = false;
            return;
        }
        stage.whenComplete((result, error) -> finished(due, result));
    }

    /** The database was away at {@code due}: a missed run, for the missed-run policy. */
    private void missedForTheDatabase(Instant due) {
        if (!outage) {
            outage = true;
            logger.warn("Cron binding '{}': the database is unavailable at the run due at {}; {}", binding.id(), due,
                    config.catchUpOnce() ? "the latest missed run runs once when it is back (missed = once)"
                            : "missed runs are skipped (missed = skip)");
        }
        if (!config.catchUpOnce()) {
            return;
        }
        if (missedDue == null || due.isAfter(missedDue)) {
            missedDue = due;
        }
        scheduleMissedRetry();
    }

    private void scheduleMissedRetry() {
        if (closed || missedRetry != null) {
            return;
        }
        long delay = retryMillis;
        retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MS);
        missedRetry = timer.schedule(this::retryMissed, delay, TimeUnit.MILLISECONDS);
    }

    private void retryMissedSoon() {
        if (missedRetry != null) {
            missedRetry.cancel(false);
            missedRetry = null;
        }
        scheduleMissedRetry();          // after FIRST_RETRY_MS: the hand-over just started ends first
    }

    /** Timer thread: claims the run missed for the database again; fires it once the database is back. */
    synchronized void retryMissed() {
        missedRetry = null;
        if (closed || missedDue == null) {
            return;
        }
        if (running) {
            scheduleMissedRetry();      // the overlap policy's business once this hand-over ends
            return;
        }
        Instant due = missedDue;
        switch (callback.tryClaim(key(due))) {
            case WON -> {
                missedDue = null;
                databaseBack();
                logger.info("Cron binding '{}': the database is back; running the run missed at {} once now",
                        binding.id(), due);
                run(due, true);
            }
            case TAKEN -> {
                missedDue = null;       // another node caught it up
                databaseBack();
            }
            case UNAVAILABLE -> scheduleMissedRetry();
        }
    }

    private void databaseBack() {
        outage = false;
        retryMillis = FIRST_RETRY_MS;
    }

    private synchronized void finished(Instant due, TriggerResult result) {
        running = false;
        if (!closed && result != null && TriggerResult.UNAVAILABLE.equals(result.errorKind())) {
            missedForTheDatabase(due);  // claimed, but the run could not be queued: the claim was given back
        }
        Instant next;
        while (!running && !closed && (next = queued.poll()) != null) {
            claimAndRun(next, false);
        }
    }

    TriggerEvent event(Instant due, boolean missed) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("schedule", config.scheduleText());
        payload.put("timezone", config.zone().getId());
        payload.put("due", due.toString());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("due", due.toString());
        attributes.put("missed", missed);
        return new TriggerEvent(config.scheduleText(), payload, attributes, due);
    }

    synchronized boolean running() {
        return running;
    }

    synchronized int queuedRuns() {
        return queued.size();
    }

    /** The run missed for the database that waits to run once it is back, or null. */
    synchronized Instant missedRun() {
        return missedDue;
    }

    @Override
    public synchronized void close() {
        closed = true;
        queued.clear();
        missedDue = null;
        if (pending != null) {
            pending.cancel(false);
        }
        if (missedRetry != null) {
            missedRetry.cancel(false);
        }
    }
}
