package io.picloud.trigger.runtime.impl;

import io.picloud.api.BindingStatusStore;
import io.picloud.api.NodeBindingStatus;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.TriggerStatus;
import org.junit.After;
import org.junit.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class StatusReporterTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    /** Records every report; can be told to fail like a database that is down. */
    static final class Reports implements BindingStatusStore {
        final List<List<TriggerStatus>> reports = new ArrayList<>();
        volatile boolean down;

        @Override
        public synchronized void report(String node, List<TriggerStatus> statuses) {
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
            assertEquals("node-1", node);
            reports.add(List.copyOf(statuses));
        }

        @Override
        public Map<String, List<NodeBindingStatus>> statuses(Duration freshness) {
            return Map.of();
        }

        synchronized int count() {
            return reports.size();
        }

        synchronized List<TriggerStatus> last() {
            return reports.get(reports.size() - 1);
        }
    }

    @After
    public void stop() {
        scheduler.shutdownNow();
    }

    @Test
    public void theRuntimesStatusChangesAreReportedTogetherSoonAfterAndNothingOnceStopped() throws Exception {
        Fakes.Store bindings = new Fakes.Store();
        bindings.put(Fakes.binding("b1", "cron", true, "schedule", "@daily"));
        bindings.put(Fakes.binding("b2", "mqtt", true, "topic", "a"));
        TriggerRuntime runtime = new TriggerRuntime(bindings, new Fakes.RecordingDispatcher(), new Fakes.Queue(),
                Fakes.claims(key -> true), Runnable::run, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        Reports reports = new Reports();
        StatusReporter reporter = new StatusReporter(reports, "node-1", runtime::statuses, scheduler);
        runtime.onStatusChange(reporter::changed);

        runtime.addType("cron", new Fakes.Type("cron"));
        runtime.start(); // two bindings change status at once: one report
        await(() -> reports.count() == 1);
        Thread.sleep(3 * StatusReporter.CHANGE_DELAY_MILLIS);
        assertEquals(1, reports.count());
        assertEquals(List.of(TriggerStatus.ACTIVE, TriggerStatus.TYPE_MISSING),
                reports.last().stream().map(TriggerStatus::state).toList());

        reports.down = true;
        bindings.delete("b2");
        runtime.bindingChanged("b2"); // lost: the database is down
        Thread.sleep(3 * StatusReporter.CHANGE_DELAY_MILLIS);
        reports.down = false;
        reporter.report(); // the periodic report carries the whole picture again
        assertEquals(List.of("b1"), reports.last().stream().map(TriggerStatus::bindingId).toList());

        reporter.stopped();
        assertTrue(reports.last().isEmpty());
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertTrue("condition not reached", condition.getAsBoolean());
    }
}
