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
 * {@code <binding id>@<due time>} through the callback (so one node of a cluster fires), then fires, honouring the
 * overlap policy. The overlap policy applies per node. All state is guarded by {@code this}.
 */
final class CronJob implements TriggerHandle {
    private static final Logger logger = LoggerFactory.getLogger(CronJob.class);
    /** Runs queued behind a still-running one; more are dropped with a warning. */
    static final int MAX_QUEUED = 16;

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
        if (callback.claim(binding.id() + "@" + due)) {
            run(due, missed);
        }
        // else another node fires this one
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
        stage.whenComplete((result, error) -> finished());
    }

    private synchronized void finished() {
        running = false;
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

    @Override
    public synchronized void close() {
        closed = true;
        queued.clear();
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
