package io.picloud.runs.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.picloud.api.Dispatcher;
import io.picloud.api.RetryPolicy;
import io.picloud.api.Run;
import io.picloud.api.RunRequest;
import io.picloud.api.RunStore;
import io.picloud.store.impl.JdbcRunStore;
import io.picloud.store.impl.StoreDatabase;
import io.picloud.store.impl.TestDatabase;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Two nodes' workers on one real queue (a throwaway database on the PostgreSQL at 127.0.0.1:5432): every run
 * submitted ends succeeded, each attempt dispatched once; a script failing its first attempts is retried and
 * succeeds; one that always fails ends a dead letter after its attempts. Prints the rate it reached (not asserted:
 * the box is shared).
 */
public class RunWorkersStoreTest {
    private static TestDatabase pg;
    private static HikariDataSource pool;
    private static StoreDatabase db;
    private static JdbcRunStore store;

    @BeforeClass
    public static void database() throws Exception {
        pg = new TestDatabase();
        HikariConfig config = new HikariConfig();
        config.setDataSource(pg.dataSource);
        config.setMaximumPoolSize(12);
        pool = new HikariDataSource(config);
        db = new StoreDatabase(pool, "test-store-db");
        db.start();
        TestDatabase.awaitReady(db);
        store = new JdbcRunStore(db, pool);
        pg.execute("INSERT INTO scripts (name) VALUES ('ok'), ('flaky'), ('broken')");
        pg.execute("UPDATE scripts SET retry = '{\"maxAttempts\": 3, \"initialBackoffMillis\": 10, "
                + "\"maxBackoffMillis\": 20, \"retryOn\": [\"runtime\"]}' WHERE name IN ('flaky', 'broken')");
    }

    @AfterClass
    public static void drop() throws Exception {
        if (store != null) {
            store.stop();
        }
        if (db != null) {
            db.stop();
        }
        if (pool != null) {
            pool.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test(timeout = 60_000)
    public void anIdleNodeTakesOverTheRunsOfANodeThatDiedOnceTheirLeaseExpires() throws Exception {
        pg.execute("INSERT INTO scripts (name) VALUES ('orphan')");
        long id = store.submit(new RunRequest("orphan", "async", null, null, Map.of("i", -1L), null, null,
                Instant.now())).orElseThrow().run().id();
        WorkerLoop.Settings settings = new WorkerLoop.Settings(2, Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofDays(7), Duration.ofDays(30));
        // the dead node: took the run with a 1 s lease and will never renew nor complete it
        assertEquals(1, store.take("dead-node", 1, Duration.ofSeconds(1)).size());
        WorkerLoop survivor = new WorkerLoop(store, new Attempt(store, event -> AttemptsTest.ok("rescued"),
                new Attempts(b -> b)), "survivor", settings, new RunMetrics(store, () -> 0));
        survivor.start();
        try {
            while (!Run.SUCCEEDED.equals(store.find(id).orElseThrow().status())) {
                Thread.sleep(20);
            }
        } finally {
            survivor.stop(Duration.ofSeconds(5));
        }
        Run run = store.find(id).orElseThrow();
        assertEquals("rescued", run.result());
        assertEquals(2, run.attempts());
        assertEquals(List.of("dead-node", "survivor"), run.history().stream().map(Run.RunAttempt::node).toList());
        assertEquals(RetryPolicy.NODE_LOST_KIND, run.history().get(0).error().kind());
    }

    @Test(timeout = 180_000)
    public void twoNodesRunEverySubmittedRunAndRetryAndDeadLetterByPolicy() throws Exception {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Dispatcher dispatcher = event -> {
            int n = attempts.computeIfAbsent(event.script() + "/" + event.payload().get("i"),
                    k -> new AtomicInteger()).incrementAndGet();
            if ("broken".equals(event.script()) || ("flaky".equals(event.script()) && n < 3)) {
                return AttemptsTest.failed("ErrorRuntime");
            }
            return AttemptsTest.ok(event.payload().get("i"));
        };
        WorkerLoop.Settings settings = new WorkerLoop.Settings(4, Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofDays(7), Duration.ofDays(30));
        List<WorkerLoop> nodes = new ArrayList<>();
        for (String node : List.of("node-1", "node-2")) {
            RunMetrics metrics = new RunMetrics(store, () -> 0);
            Attempt attempt = new Attempt(store, dispatcher, new Attempts(b -> b));
            WorkerLoop loop = new WorkerLoop(store, attempt, node, settings, metrics);
            loop.start();
            nodes.add(loop);
        }
        int total = 2_000;
        long start = System.nanoTime();
        ExecutorService submitters = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<RunStore.Submitted>>> submitted = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                String script = i == 0 ? "flaky" : i == 1 ? "broken" : "ok";
                Map<String, Object> payload = Map.of("i", (long) i);
                submitted.add(submitters.submit(() -> store.submit(new RunRequest(script, "async", null, null,
                        payload, null, null, Instant.now()))));
            }
            for (Future<Optional<RunStore.Submitted>> f : submitted) {
                assertTrue(f.get().isPresent());
            }
            System.out.println("RunWorkersStoreTest: submitted in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            while (pg.count("SELECT count(*) FROM runs WHERE status IN ('succeeded', 'dead') AND script <> 'orphan'")
                    < total) {
                Thread.sleep(20);
            }
            long ms = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            System.out.println("RunWorkersStoreTest: " + total + " runs submitted, run and completed in " + ms
                    + " ms (" + total * 1000L / ms + " runs/s, two nodes of 4 workers, PostgreSQL on this box)");
        } finally {
            submitters.shutdownNow();
            for (WorkerLoop loop : nodes) {
                loop.stop(Duration.ofSeconds(5));
            }
        }
        assertEquals(total - 1, pg.count("SELECT count(*) FROM runs WHERE status = 'succeeded' AND script <> 'orphan'"));
        assertEquals("each ok run ran once", total - 2, pg.count("SELECT count(*) FROM runs WHERE script = 'ok' "
                + "AND attempts = 1 AND jsonb_array_length(history) = 1 AND result = (payload -> 'i')"));
        assertEquals(3, attempts.get("flaky/0").get());
        Run flaky = store.list(new io.picloud.api.RunQuery("flaky", null, null, null, 0, 1)).get(0);
        assertEquals(Run.SUCCEEDED, flaky.status());
        assertEquals(List.of(Run.FAILED, Run.FAILED, Run.SUCCEEDED),
                flaky.history().stream().map(Run.RunAttempt::outcome).toList());
        for (int i = 1; i < 3; i++) {
            Run.RunAttempt failed = flaky.history().get(i - 1);
            Run.RunAttempt next = flaky.history().get(i);
            assertTrue("retry " + i + " waited at least nothing and at most the cap (plus scheduling)",
                    !next.startedAt().isBefore(failed.finishedAt()));
        }
        Run broken = store.list(new io.picloud.api.RunQuery("broken", null, null, null, 0, 1)).get(0);
        assertEquals(Run.DEAD, broken.status());
        assertEquals(3, broken.attempts());
        assertEquals(3, broken.history().size());
        assertEquals("ErrorRuntime", broken.error().kind());
        assertEquals(0, pg.count("SELECT count(*) FROM runs WHERE lease_owner IS NOT NULL"));
    }
}
