package io.picloud.store.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.picloud.api.AttemptOutcome;
import io.picloud.api.LeasedRun;
import io.picloud.api.RetryPolicy;
import io.picloud.api.Run;
import io.picloud.api.RunQuery;
import io.picloud.api.RunQueueStats;
import io.picloud.api.RunRequest;
import io.picloud.api.RunStore.Submitted;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/** {@link JdbcRunStore} against a throwaway database on the real PostgreSQL at 127.0.0.1:5432. */
public class JdbcRunStoreTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static TestDatabase pg;
    private static StoreDatabase db;
    private static JdbcRunStore store;

    @BeforeClass
    public static void database() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
        store = new JdbcRunStore(db, pg.dataSource);
    }

    @AfterClass
    public static void drop() throws Exception {
        if (store != null) {
            store.stop();
        }
        if (db != null) {
            db.stop();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Before
    public void empty() throws Exception {
        pg.execute("DELETE FROM runs");
        pg.execute("DELETE FROM scripts");
        pg.execute("INSERT INTO scripts (name) VALUES ('s')");
        pg.execute("INSERT INTO scripts (name, retry) VALUES ('five', '{\"maxAttempts\": 5, \"retryOn\": [\"runtime\"]}')");
    }

    @Test(timeout = 60_000)
    public void aSubmittedRunIsQueuedWithItsScriptsAttemptsAndAnUnknownScriptQueuesNothing() throws Exception {
        Run run = submit("s", null).run();
        assertEquals(Run.QUEUED, run.status());
        assertEquals(3, run.maxAttempts());
        Run stored = store.find(run.id()).orElseThrow();
        assertEquals(Map.of("n", 1L, "s", "x"), stored.payload());
        assertEquals("async", stored.trigger());
        assertEquals("alice", stored.submittedBy());
        assertEquals(5, submit("five", null).run().maxAttempts());
        assertTrue(store.submit(request("nobody", null)).isEmpty());
        assertTrue(store.submit(request("not a name!", null)).isEmpty());
        assertEquals(2, pg.count("SELECT count(*) FROM runs"));
    }

    @Test(timeout = 60_000)
    public void concurrentSubmitsAreEachQueuedOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Submitted>> all = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String script = i % 7 == 0 ? "five" : "s";
                all.add(pool.submit(() -> submit(script, null)));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<Submitted> f : all) {
                assertTrue(ids.add(f.get().run().id()));
            }
            assertEquals(400, pg.count("SELECT count(*) FROM runs"));
            for (Future<Submitted> f : all) {
                Run r = f.get().run();
                assertEquals(r.script(), store.find(r.id()).orElseThrow().script());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test(timeout = 60_000)
    public void twoNodesTakeDisjointRunsAndBetweenThemAll() throws Exception {
        Set<Long> submitted = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            submitted.add(submit("s", null).run().id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<LeasedRun>> node1 = () -> takeAll("node-1");
            Callable<List<LeasedRun>> node2 = () -> takeAll("node-2");
            Future<List<LeasedRun>> a = pool.submit(node1);
            Future<List<LeasedRun>> b = pool.submit(node2);
            Set<Long> taken = new HashSet<>();
            for (LeasedRun r : a.get()) {
                assertTrue(taken.add(r.id()));
                assertEquals(1, r.attempt());
            }
            for (LeasedRun r : b.get()) {
                assertTrue("taken by both nodes: " + r.id(), taken.add(r.id()));
            }
            assertEquals(submitted, taken);
            assertEquals(40, pg.count("SELECT count(*) FROM runs WHERE status = 'running'"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<LeasedRun> takeAll(String node) {
        List<LeasedRun> out = new ArrayList<>();
        for (List<LeasedRun> got = store.take(node, 3, LEASE); !got.isEmpty(); got = store.take(node, 3, LEASE)) {
            out.addAll(got);
        }
        return out;
    }

    @Test(timeout = 60_000)
    public void anExpiredLeaseIsTakenAgainAndOnlyTheNewHolderCompletes() throws Exception {
        long id = submit("s", null).run().id();
        LeasedRun first = single(store.take("node-1", 10, LEASE));
        assertEquals(1, first.attempt());
        assertEquals(RetryPolicy.DEFAULT, first.policy());
        assertTrue(store.take("node-2", 10, LEASE).isEmpty());
        expireLeases();
        LeasedRun again = single(store.take("node-2", 10, LEASE));
        assertEquals(id, again.id());
        assertEquals(2, again.attempt());
        Run mid = store.find(id).orElseThrow();
        assertEquals(1, mid.history().size());
        assertEquals(RetryPolicy.NODE_LOST_KIND, mid.history().get(0).error().kind());
        assertEquals("node-1", mid.history().get(0).node());
        assertEquals(Run.FAILED, mid.history().get(0).outcome());

        assertFalse("the lost node's completion is refused", store.complete("node-1", first, success()));
        assertTrue(store.complete("node-2", again, success()));
        assertFalse("exactly once", store.complete("node-2", again, success()));
        Run done = store.find(id).orElseThrow();
        assertEquals(Run.SUCCEEDED, done.status());
        assertEquals(Map.of("ok", true), done.result());
        assertEquals(2, done.history().size());
        assertEquals(List.of("hi"), done.output());
        assertNotNull(done.finishedAt());
        assertEquals(Set.of(id), store.renew("node-2", List.of(id), LEASE));
    }

    @Test(timeout = 60_000)
    public void aLeaseLostOnTheLastAttemptOrWithoutNodeLossRetriesMakesADeadLetter() throws Exception {
        long plain = submit("s", null).run().id();
        pg.execute("UPDATE runs SET max_attempts = 1 WHERE id = " + plain);
        long strict = submit("five", null).run().id(); // retries runtime errors only
        assertEquals(2, store.take("node-1", 10, LEASE).size());
        expireLeases();
        assertTrue(store.take("node-2", 10, LEASE).isEmpty());
        for (long id : List.of(plain, strict)) {
            Run dead = store.find(id).orElseThrow();
            assertEquals(Run.DEAD, dead.status());
            assertEquals(RetryPolicy.NODE_LOST_KIND, dead.error().kind());
            assertEquals(Run.DEAD, dead.history().get(0).outcome());
        }
    }

    @Test(timeout = 60_000)
    public void completionsFromManyThreadsAreEachWrittenOnce() throws Exception {
        for (int i = 0; i < 100; i++) {
            submit("s", null);
        }
        List<LeasedRun> taken = store.take("node-1", 100, LEASE);
        assertEquals(100, taken.size());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (LeasedRun r : taken) {
                answers.add(pool.submit(() -> store.complete("node-1", r, success())));
                answers.add(pool.submit(() -> store.complete("node-1", r, success())));
            }
            int written = 0;
            for (Future<Boolean> f : answers) {
                written += f.get() ? 1 : 0;
            }
            assertEquals(100, written);
            assertEquals(100, pg.count("SELECT count(*) FROM runs WHERE status = 'succeeded' "
                    + "AND jsonb_array_length(history) = 1"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test(timeout = 60_000)
    public void aFailedAttemptWaitsForItsNextTimeAndTellsTheWorkers() throws Exception {
        long id = submit("s", null).run().id();
        LeasedRun r = single(store.take("node-1", 10, LEASE));
        CountDownLatch told = new CountDownLatch(1);
        AtomicReference<Instant> due = new AtomicReference<>();
        Instant later = Instant.now().plusSeconds(3600);
        try (AutoCloseable listening = store.onWork(t -> {
            if (t != null && t.isAfter(Instant.now().plusSeconds(60))) {
                due.set(t);
                told.countDown();
            }
        })) {
            Run.RunError error = new Run.RunError("ErrorRuntime", "boom", 2, 3);
            assertTrue(store.complete("node-1", r, new AttemptOutcome(Run.FAILED, null, error, List.of(),
                    Instant.now(), Instant.now(), later, null)));
            assertTrue(told.await(20, TimeUnit.SECONDS));
        }
        assertEquals(later.toEpochMilli(), due.get().toEpochMilli(), 1);
        assertTrue(store.take("node-1", 10, LEASE).isEmpty());
        assertEquals(later.toEpochMilli(), store.nextDue().orElseThrow().toEpochMilli(), 1);
        Run failed = store.find(id).orElseThrow();
        assertEquals(Run.FAILED, failed.status());
        assertEquals(new Run.RunError("ErrorRuntime", "boom", 2, 3), failed.error());
        assertEquals(later.toEpochMilli(), failed.nextAttemptAt().toEpochMilli(), 1);
        pg.execute("UPDATE runs SET next_at = now() WHERE id = " + id);
        assertEquals(2, single(store.take("node-1", 10, LEASE)).attempt());
    }

    @Test(timeout = 60_000)
    public void aSubmitWakesTheWorkers() throws Exception {
        CountDownLatch told = new CountDownLatch(1);
        try (AutoCloseable listening = store.onWork(t -> told.countDown())) {
            submit("s", null);
            assertTrue(told.await(20, TimeUnit.SECONDS));
        }
        assertTrue(store.nextDue().orElseThrow().isBefore(Instant.now().plusSeconds(1)));
    }

    @Test(timeout = 60_000)
    public void anIdempotencyKeyGivesTheSameRunAndAnOldHolderLosesIt() throws Exception {
        Submitted first = submit("s", "k1");
        Submitted again = submit("s", "k1");
        assertFalse(first.existing());
        assertTrue(again.existing());
        assertEquals(first.run().id(), again.run().id());
        assertFalse("the key is the script's", submit("five", "k1").existing());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Submitted>> all = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                all.add(pool.submit(() -> submit("s", "k2")));
            }
            Set<Long> ids = new HashSet<>();
            int fresh = 0;
            for (Future<Submitted> f : all) {
                ids.add(f.get().run().id());
                fresh += f.get().existing() ? 0 : 1;
            }
            assertEquals(1, ids.size());
            assertEquals(1, fresh);
        } finally {
            pool.shutdownNow();
        }
        pg.execute("UPDATE runs SET created_at = now() - interval '25 hours' WHERE id = " + first.run().id());
        Submitted after = submit("s", "k1");
        assertFalse(after.existing());
        assertTrue(after.run().id() != first.run().id());
        assertEquals(4, pg.count("SELECT count(*) FROM runs"));
    }

    @Test(timeout = 60_000)
    public void aDeadLetterIsReplayedWithAnEditedPayloadAndDeleted() throws Exception {
        long id = submit("s", null).run().id();
        LeasedRun r = single(store.take("node-1", 10, LEASE));
        Run.RunError error = new Run.RunError("ErrorParsing", "bad", 1, 1);
        assertTrue(store.complete("node-1", r, new AttemptOutcome(Run.DEAD, null, error, List.of("x"),
                Instant.now(), Instant.now(), null, "inv-1")));
        Run dead = store.find(id).orElseThrow();
        assertEquals(Run.DEAD, dead.status());
        assertEquals("inv-1", dead.history().get(0).invocation());
        assertEquals(1, store.stats().dead());
        assertEquals(List.of(id), ids(store.list(new RunQuery(null, null, Run.DEAD, false, 0, 10))));

        Run replay = store.replay(id, Map.of("n", 2L), "bob").orElseThrow();
        assertEquals(Run.QUEUED, replay.status());
        assertEquals(Long.valueOf(id), replay.replayOf());
        assertEquals(Map.of("n", 2L), replay.payload());
        assertEquals("bob", replay.submittedBy());
        assertEquals(Long.valueOf(replay.id()), store.find(id).orElseThrow().replayedAs());
        assertEquals(0, store.stats().dead());
        assertEquals(List.of(id), ids(store.list(new RunQuery(null, null, Run.DEAD, true, 0, 10))));
        assertEquals(dead.payload(), store.replay(id, null, null).orElseThrow().payload());

        assertTrue(store.replay(replay.id(), null, null).isEmpty());
        assertFalse(store.delete(replay.id()));
        assertTrue(store.delete(id));
        assertTrue(store.find(id).isEmpty());
        assertTrue(store.replay(id, null, null).isEmpty());
    }

    @Test(timeout = 60_000)
    public void listsPageNewestFirstAndFilter() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submit(i % 2 == 0 ? "s" : "five", null).run().id());
        }
        List<Run> page = store.list(new RunQuery(null, null, null, null, 0, 2));
        assertEquals(List.of(ids.get(4), ids.get(3)), ids(page));
        assertEquals(List.of(ids.get(2), ids.get(1)), ids(store.list(new RunQuery(null, null, null, null,
                ids.get(3), 2))));
        assertEquals(List.of(ids.get(3), ids.get(1)), ids(store.list(new RunQuery("five", null, null, null, 0, 10))));
        assertEquals(List.of(ids.get(3), ids.get(1)), ids(store.list(new RunQuery(null, Set.of("five"), Run.QUEUED,
                null, 0, 10))));
        assertEquals(List.of(), ids(store.list(new RunQuery(null, null, Run.SUCCEEDED, null, 0, 10))));
    }

    @Test(timeout = 60_000)
    public void statsCountTheQueue() throws Exception {
        submit("s", null);
        submit("s", null);
        store.take("node-1", 1, LEASE);
        RunQueueStats stats = store.stats();
        assertEquals(1, stats.waiting());
        assertEquals(1, stats.running());
        assertEquals(0, stats.dead());
        pg.execute("UPDATE runs SET next_at = now() - interval '10 seconds' WHERE status = 'queued'");
        assertTrue(store.stats().oldestWaiting().compareTo(Duration.ofSeconds(9)) > 0);
    }

    @Test(timeout = 60_000)
    public void pruneRemovesOldSucceededRunsAndDeadLettersAndCountsThem() throws Exception {
        for (int i = 0; i < 4; i++) {
            submit("s", null);
        }
        List<LeasedRun> taken = store.take("node-1", 4, LEASE);
        store.complete("node-1", taken.get(0), success());
        store.complete("node-1", taken.get(1), success());
        store.complete("node-1", taken.get(2), new AttemptOutcome(Run.DEAD, null,
                new Run.RunError("ErrorParsing", "x", 1, 1), List.of(), Instant.now(), Instant.now(), null, null));
        pg.execute("UPDATE runs SET finished_at = now() - interval '10 days' WHERE id IN (" + taken.get(0).id()
                + ", " + taken.get(2).id() + ")");
        Instant weekAgo = Instant.now().minus(Duration.ofDays(7));
        Map<String, Long> pruned = store.prune(weekAgo, Instant.now().minus(Duration.ofDays(30)));
        assertEquals(Map.of(Run.SUCCEEDED, 1L, Run.DEAD, 0L), pruned);
        assertEquals(Map.of(Run.SUCCEEDED, 0L, Run.DEAD, 1L), store.prune(weekAgo, weekAgo));
        assertEquals(2, pg.count("SELECT count(*) FROM runs"));
    }

    @Test(timeout = 60_000)
    public void renewExtendsOnlyTheLeasesTheNodeHolds() throws Exception {
        submit("s", null);
        submit("s", null);
        List<LeasedRun> taken = store.take("node-1", 2, Duration.ofSeconds(5));
        long a = taken.get(0).id();
        long b = taken.get(1).id();
        Set<Long> lost = store.renew("node-1", List.of(a, b, 999_999L), Duration.ofMinutes(10));
        assertEquals(Set.of(999_999L), lost);
        assertEquals(2, pg.count("SELECT count(*) FROM runs WHERE lease_until > now() + interval '9 minutes'"));
        assertEquals(Set.of(a, b), store.renew("node-2", List.of(a, b), LEASE));
    }

    private static void expireLeases() throws Exception {
        pg.execute("UPDATE runs SET lease_until = now() - interval '1 second' WHERE status = 'running'");
    }

    private static LeasedRun single(List<LeasedRun> runs) {
        assertEquals(1, runs.size());
        return runs.get(0);
    }

    private static List<Long> ids(List<Run> runs) {
        return runs.stream().map(Run::id).toList();
    }

    private static AttemptOutcome success() {
        return new AttemptOutcome(Run.SUCCEEDED, Map.of("ok", true), null, List.of("hi"), Instant.now(),
                Instant.now(), null, null);
    }

    private static Submitted submit(String script, String key) {
        Optional<Submitted> s = store.submit(request(script, key));
        assertTrue(s.isPresent());
        return s.get();
    }

    private static RunRequest request(String script, String key) {
        return new RunRequest(script, "async", null, null, Map.of("n", 1L, "s", "x"), key, "alice", Instant.now());
    }
}
