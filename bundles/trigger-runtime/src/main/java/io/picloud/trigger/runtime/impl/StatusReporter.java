package io.picloud.trigger.runtime.impl;

import io.picloud.api.BindingStatusStore;
import io.picloud.api.TriggerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Reports this node's binding statuses to the {@link BindingStatusStore}, for the manager of a cluster: shortly
 * after a change (changes close together make one report) and every {@code refresh}, so that a report older than
 * a few refreshes tells of a node that is gone. Reports are advisory: one that fails is dropped, the next one
 * carries the whole picture again.
 */
final class StatusReporter {
    private static final Logger logger = LoggerFactory.getLogger(StatusReporter.class);
    static final long CHANGE_DELAY_MILLIS = 200;

    private final BindingStatusStore store;
    private final String node;
    private final Supplier<List<TriggerStatus>> statuses;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean pending = new AtomicBoolean();

    StatusReporter(BindingStatusStore store, String node, Supplier<List<TriggerStatus>> statuses,
                   ScheduledExecutorService scheduler) {
        this.store = store;
        this.node = node;
        this.statuses = statuses;
        this.scheduler = scheduler;
    }

    String node() {
        return node;
    }

    void start(Duration refresh) {
        scheduler.scheduleWithFixedDelay(this::report, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A status changed: report soon. */
    void changed() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.schedule(() -> {
                pending.set(false);
                report();
            }, CHANGE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending.set(false); // stopping: stopped() reports last
        }
    }

    void report() {
        send(statuses.get());
    }

    /** This node stops: it reports nothing any more. */
    void stopped() {
        send(List.of());
    }

    private void send(List<TriggerStatus> current) {
        try {
            store.report(node, current);
        } catch (RuntimeException e) {
            logger.debug("Binding statuses of node {} not reported: {}", node, e.toString());
        }
    }
}
