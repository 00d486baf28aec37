package io.picloud.runs.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.picloud.api.AttemptOutcome;
import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.LeasedRun;
import io.picloud.api.RetryPolicy;
import io.picloud.api.Run;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.metrics.MetricWriter;
import org.junit.After;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/** The worker loop with a fake queue and dispatcher: wake-ups, free workers, heartbeat, outcomes, pruning. */
public class WorkerLoopTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private final FakeRunStore store = new FakeRunStore();
    private final BlockingQueue<Event> dispatched = new LinkedBlockingQueue<>();
    private final RunMetrics metrics = new RunMetrics(store, () -> 0);
    private WorkerLoop loop;

    @After
    public void stop() {
        if (loop != null) {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    @Test(timeout = 30_000)
    public void aNotifiedRunIsDispatchedAsItsEventAndCompletedAsThisNode() throws Exception {
        start(2, Duration.ofSeconds(30), Duration.ofSeconds(60), event -> {
            dispatched.add(event);
            return AttemptsTest.ok(Map.of("answer", 42));
        });
        awaitListening();
        store.add(run(1, "cron", "every-minute", 1));
        Object[] done = store.completed.poll(20, TimeUnit.SECONDS);
        assertNotNull("completed after the wake-up, long before the sweep", done);
        assertEquals("node-a", done[0]);
        AttemptOutcome outcome = (AttemptOutcome) done[2];
        assertEquals(Run.SUCCEEDED, outcome.next());
        assertEquals(Map.of("answer", 42L), outcome.result());
        Event event = dispatched.take();
        assertEquals(new Event("cron", "every-minute", "s", Map.of("k", "v"), CREATED), event);
        awaitCount(() -> (int) metrics.succeeded.sum(), 1);
    }

    @Test(timeout = 30_000)
    public void noMoreRunsAreTakenThanThereAreFreeWorkers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        start(2, Duration.ofSeconds(30), Duration.ofSeconds(60), event -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return AttemptsTest.ok(1L);
        });
        awaitListening();
        for (int i = 1; i <= 5; i++) {
            store.add(run(i, "async", null, 1));
        }
        awaitCount(running::get, 2);
        release.countDown();
        for (int i = 0; i < 5; i++) {
            assertNotNull(store.completed.poll(20, TimeUnit.SECONDS));
        }
        assertEquals(2, most.get());
        for (int max : store.takeSizes) {
            assertTrue("asked for " + max, max >= 1 && max <= 2);
        }
    }

    @Test(timeout = 30_000)
    public void theHeartbeatRenewsHeldLeasesWhileAnAttemptRuns() throws Exception {
        CountDownLatch renewed = new CountDownLatch(1);
        start(1, Duration.ofMillis(300), Duration.ofSeconds(60), event -> {
            try {
                while (store.renewals.get() < 2) {
                    Thread.sleep(10);
                }
                renewed.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return AttemptsTest.ok(null);
        });
        awaitListening();
        store.add(run(1, "async", null, 1));
        assertTrue(renewed.await(20, TimeUnit.SECONDS));
        assertNotNull(store.completed.poll(20, TimeUnit.SECONDS));
    }

    @Test(timeout = 30_000)
    public void aRefusedCompletionIsCountedNotRetried() throws Exception {
        store.completeAnswer = false;
        start(1, Duration.ofSeconds(30), Duration.ofSeconds(60), event -> AttemptsTest.ok(1L));
        awaitListening();
        store.add(run(1, "async", null, 1));
        assertNotNull(store.completed.poll(20, TimeUnit.SECONDS));
        awaitCount(() -> (int) metrics.refused.sum(), 1);
        assertEquals(0, metrics.succeeded.sum());
    }

    @Test(timeout = 30_000)
    public void theDatabaseAwayDuringAnAttemptIsARetriedUnavailableError() throws Exception {
        start(1, Duration.ofSeconds(30), Duration.ofSeconds(60), event -> {
            throw new StoreUnavailableException("down", null);
        });
        awaitListening();
        store.add(run(1, "async", null, 1));
        AttemptOutcome outcome = (AttemptOutcome) store.completed.poll(20, TimeUnit.SECONDS)[2];
        assertEquals(Run.FAILED, outcome.next());
        assertEquals(Attempts.UNAVAILABLE, outcome.error().kind());
        assertNotNull(outcome.nextAttemptAt());
    }

    @Test(timeout = 30_000)
    public void aDeletedScriptsRunBecomesADeadLetter() throws Exception {
        start(1, Duration.ofSeconds(30), Duration.ofSeconds(60), event -> Optional.empty());
        awaitListening();
        store.add(run(1, "async", null, 1));
        AttemptOutcome outcome = (AttemptOutcome) store.completed.poll(20, TimeUnit.SECONDS)[2];
        assertEquals(Run.DEAD, outcome.next());
        awaitCount(() -> (int) metrics.dead.sum(), 1);
    }

    @Test(timeout = 30_000)
    public void theSweepPrunesFinishedRunsAndCountsThem() throws Exception {
        start(1, Duration.ofSeconds(30), Duration.ofSeconds(1), event -> AttemptsTest.ok(1L));
        assertEquals(Map.of(Run.SUCCEEDED, 3L, Run.DEAD, 1L), store.pruned.poll(20, TimeUnit.SECONDS));
        awaitCount(() -> (int) metrics.prunedSucceeded.sum(), 3);
        assertEquals(1, metrics.prunedDead.sum());
    }

    @Test
    public void metricsReportCountersAndTheQueue() {
        metrics.completed(Run.SUCCEEDED);
        metrics.completed(Run.FAILED);
        metrics.completed(Run.DEAD);
        List<String> lines = new ArrayList<>();
        metrics.collect(new MetricWriter() {
            @Override
            public void counter(String name, String help, Map<String, String> labels, double value) {
                lines.add(name + labels + "=" + value);
            }

            @Override
            public void gauge(String name, String help, Map<String, String> labels, double value) {
                lines.add(name + labels + "=" + value);
            }

            @Override
            public void histogram(String name, String help, Map<String, String> labels, double[] upperBounds,
                                  long[] counts, double sum, long count) {
                lines.add(name);
            }
        });
        assertTrue(lines.toString(), lines.contains("picloud_runs_completed{outcome=succeeded}=1.0"));
        assertTrue(lines.contains("picloud_runs_retries{}=1.0"));
        assertTrue(lines.contains("picloud_runs_dead_letters{}=1.0"));
        assertTrue(lines.contains("picloud_runs_queue{state=waiting}=5.0"));
        assertTrue(lines.contains("picloud_runs_oldest_waiting_seconds{}=1.5"));
    }

    private void start(int threads, Duration lease, Duration sweep, Dispatcher dispatcher) {
        Attempt attempt = new Attempt(store, dispatcher, new Attempts(b -> b));
        loop = new WorkerLoop(store, attempt, "node-a", new WorkerLoop.Settings(threads, lease, sweep,
                Duration.ofDays(7), Duration.ofDays(30)), metrics);
        loop.start();
    }

    private void awaitListening() throws InterruptedException {
        while (store.wake == null) {
            Thread.sleep(5);
        }
    }

    private static void awaitCount(java.util.function.IntSupplier count, int wanted) throws InterruptedException {
        while (count.getAsInt() < wanted) {
            Thread.sleep(5);
        }
    }

    private static LeasedRun run(long id, String trigger, String source, int attempt) {
        return new LeasedRun(id, "s", trigger, source, null, Map.of("k", "v"), attempt, 3, RetryPolicy.DEFAULT,
                CREATED.minusSeconds(5), CREATED);
    }
}
