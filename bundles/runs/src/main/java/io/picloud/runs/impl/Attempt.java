package io.picloud.runs.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.picloud.api.AttemptOutcome;
import io.picloud.api.Dispatcher;
import io.picloud.api.Dispatcher.Dispatch;
import io.picloud.api.Event;
import io.picloud.api.LeasedRun;
import io.picloud.api.Run;
import io.picloud.api.Run.RunError;
import io.picloud.api.RunStore;
import io.picloud.api.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a leased run: dispatched as the {@link Event} its trigger would have sent (whether the script
 * sees it as {@code request} or {@code event} is the dispatcher's rule), decided by {@link Attempts}, and
 * completed. A completion the database cannot take now is tried again for a while: it is conditional on the
 * lease, so a late one is refused rather than written twice.
 */
final class Attempt {
    private static final long FIRST_RETRY_MS = 250;
    private static final long MAX_RETRY_MS = 5_000;
    /** Kind of an attempt that failed in the platform rather than in the script. */
    static final String SYSTEM_ERROR = "ErrorSystem";
    private static final Logger logger = LoggerFactory.getLogger(Attempt.class);

    private final RunStore store;
    private final Dispatcher dispatcher;
    private final Attempts attempts;

    Attempt(RunStore store, Dispatcher dispatcher, Attempts attempts) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.attempts = attempts;
    }

    AttemptOutcome run(LeasedRun run) {
        Instant started = Instant.now();
        Instant time = run.eventTime() == null ? run.createdAt() : run.eventTime();
        Event event = new Event(run.trigger(), run.source(), run.script(), run.payload(), time);
        AttemptOutcome outcome;
        try {
            Optional<Dispatch> dispatch = dispatcher.dispatch(event);
            outcome = attempts.decide(run, dispatch, started, Instant.now());
        } catch (StoreUnavailableException e) {
            outcome = attempts.failed(run, new RunError(Attempts.UNAVAILABLE, "the database was unavailable",
                    0, 0), List.of(), started, Instant.now());
        } catch (RuntimeException e) {
            logger.warn("Run {} of '{}': attempt {} failed in the platform: {}", run.id(), run.script(),
                    run.attempt(), e.toString());
            outcome = attempts.failed(run, new RunError(SYSTEM_ERROR, "the platform failed to run it", 0, 0),
                    List.of(), started, Instant.now());
        }
        if (Run.DEAD.equals(outcome.next())) {
            logger.info("Run {} of '{}' is a dead letter after attempt {} of {}: {} {}", run.id(), run.script(),
                    run.attempt(), run.maxAttempts(), outcome.error().kind(), outcome.error().message());
        } else if (Run.FAILED.equals(outcome.next())) {
            logger.debug("Run {} of '{}': attempt {} failed ({}), next at {}", run.id(), run.script(),
                    run.attempt(), outcome.error().kind(), outcome.nextAttemptAt());
        }
        return outcome;
    }

    /**
     * Completes the attempt; while the database is away, tries again with back-off for up to twice the lease (or
     * a minute), as long as {@code running}. False when it was refused (the lease had passed on) or not written.
     */
    boolean complete(String node, LeasedRun run, AttemptOutcome outcome, Duration lease, BooleanSupplier running) {
        long retryMs = FIRST_RETRY_MS;
        Instant giveUp = null;
        while (true) {
            try {
                return store.complete(node, run, outcome);
            } catch (StoreUnavailableException e) {
                Instant now = Instant.now();
                if (giveUp == null) {
                    Duration patience = lease.multipliedBy(2);
                    giveUp = now.plus(patience.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : patience);
                }
                if (!running.getAsBoolean() || now.plusMillis(retryMs).isAfter(giveUp)) {
                    logger.warn("Run {} of '{}': attempt {} not recorded (database unavailable); it will be taken "
                            + "again once its lease expires", run.id(), run.script(), run.attempt());
                    return false;
                }
                try {
                    Thread.sleep(retryMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
            }
        }
    }
}
