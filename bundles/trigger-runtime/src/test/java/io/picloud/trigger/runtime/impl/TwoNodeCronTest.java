package io.picloud.trigger.runtime.impl;

import io.picloud.api.ClaimStore;
import io.picloud.api.Event;
import io.picloud.store.impl.JdbcClaimStore;
import io.picloud.store.impl.StoreDatabase;
import io.picloud.store.impl.TestDatabase;
import io.picloud.trigger.cron.impl.CronTriggerType;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.picloud.trigger.runtime.impl.Fakes.binding;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Two nodes (each its own runtime, DataSource, StoreDatabase and JdbcClaimStore, cron TriggerType, worker pool and
 * recording Dispatcher) open the same {@code @every 1s} binding against one throwaway database (the store's
 * {@link TestDatabase}, migrated by the store) on the real PostgreSQL at 127.0.0.1:5432: every due time fires
 * exactly once across both nodes, none twice and none missing.
 */
public class TwoNodeCronTest {
    private static final int DUE_TIMES = 5;
    private static TestDatabase pg;
    private static final List<StoreDatabase> stores = new ArrayList<>();

    @BeforeClass
    public static void createDatabase() throws Exception {
        pg = new TestDatabase();
    }

    @AfterClass
    public static void dropDatabase() throws Exception {
        stores.forEach(StoreDatabase::stop);
        if (pg != null) {
            pg.close();
        }
    }

    /** A node's claims in the store: its own DataSource and StoreDatabase (ready), as in its own container. */
    private static ClaimStore claimStore(String node) throws InterruptedException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {TestDatabase.HOST});
        ds.setPortNumbers(new int[] {TestDatabase.PORT});
        ds.setDatabaseName(pg.name);
        ds.setUser(TestDatabase.USER);
        StoreDatabase db = new StoreDatabase(ds, "test-store-" + node);
        synchronized (stores) {
            stores.add(db);
        }
        db.start();
        TestDatabase.awaitReady(db);
        return new JdbcClaimStore(db);
    }

    /** One node: its own claim store, binding store, dispatcher, cron plugin and workers. */
    private static final class Node {
        final String name;
        final Fakes.Store store = new Fakes.Store();
        final Fakes.RecordingDispatcher dispatcher = new Fakes.RecordingDispatcher();
        final Set<String> attempted = new HashSet<>();
        final Set<String> won = new HashSet<>();
        final ExecutorService workers = Executors.newFixedThreadPool(2);
        final CronTriggerType cron = new CronTriggerType();
        final TriggerRuntime runtime;

        Node(String name, String bindingId) throws InterruptedException {
            this.name = name;
            Claims jdbc = Claims.of(claimStore(name), name, 7);
            Claims recording = key -> {
                ClaimStore.Claim result = jdbc.claim(key);
                synchronized (this) {
                    attempted.add(key);
                    if (result != null) {
                        won.add(key);
                    }
                }
                return result;
            };
            store.put(binding(bindingId, "cron", true, "schedule", "@every 1s"));
            // the cron type queues its runs: this queue dispatches each at once, as a run worker would
            runtime = new TriggerRuntime(store, dispatcher, new Fakes.Queue(dispatcher), recording, workers,
                    Clock.systemUTC());
            runtime.addType("cron", cron);
        }

        synchronized int attempts() {
            return attempted.size();
        }

        List<Event> events() {
            synchronized (dispatcher) {
                return new ArrayList<>(dispatcher.events);
            }
        }

        void awaitWorkers() throws InterruptedException {
            workers.shutdown();
            assertTrue(name + " workers finished", workers.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test(timeout = 60_000)
    public void everyDueTimeFiresExactlyOnceAcrossTwoNodes() throws Exception {
        String bindingId = "every-second-" + UUID.randomUUID();
        Node node1 = new Node("node-1", bindingId);
        Node node2 = new Node("node-2", bindingId);
        try {
            node1.runtime.start();
            node2.runtime.start();
            // wait (bounded by the test timeout) until both nodes competed for enough due times
            while (node1.attempts() <= DUE_TIMES || node2.attempts() <= DUE_TIMES) {
                Thread.sleep(50);
            }
        } finally {
            node1.runtime.stop();
            node2.runtime.stop();
            node1.awaitWorkers();
            node2.awaitWorkers();
        }

        List<Instant> fired = new ArrayList<>();
        Map<Instant, String> firedBy = new HashMap<>();
        for (Node node : List.of(node1, node2)) {
            for (Event event : node.events()) {
                assertEquals("cron", event.type());
                assertEquals("script-" + bindingId, event.script());
                assertEquals(event.time().toString(), event.payload().get("due"));
                fired.add(event.time());
                String other = firedBy.put(event.time(), node.name);
                assertEquals("due time " + event.time() + " fired twice (also by " + other + ")", null, other);
            }
        }
        TreeSet<Instant> due = new TreeSet<>(fired);
        assertEquals("no due time fired twice: " + fired, due.size(), fired.size());
        assertTrue("at least " + DUE_TIMES + " due times fired: " + due, due.size() >= DUE_TIMES);
        Instant expected = due.first();
        for (Instant time : due) {
            assertEquals("whole seconds, none missing between first and last: " + due, expected, time);
            expected = expected.plus(Duration.ofSeconds(1));
        }

        // the claims agree with the firings: each fired due time was won by the node that fired it; a claim won
        // but not fired can only be one caught by the stop, after the last fired due time
        Map<String, String> wonBy = new HashMap<>();
        for (Node node : List.of(node1, node2)) {
            synchronized (node) {
                for (String key : node.won) {
                    assertEquals("claim " + key + " won twice", null, wonBy.put(key, node.name));
                }
            }
        }
        String prefix = bindingId + "@";
        firedBy.forEach((time, node) -> assertEquals("claim of " + time, node, wonBy.get(prefix + time)));
        for (String key : wonBy.keySet()) {
            Instant time = Instant.parse(key.substring(prefix.length()));
            assertTrue("claimed " + time + " but fired only " + due,
                    firedBy.containsKey(time) || time.isAfter(due.last()));
        }
        Set<String> contested = new HashSet<>(node1.attempted);
        contested.retainAll(node2.attempted);
        assertFalse("both nodes competed for the same due times", contested.isEmpty());

        Map<String, String> rows = new HashMap<>();
        try (Connection c = pg.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT claim_key, node FROM trigger_claims WHERE claim_key LIKE '"
                     + bindingId + "@%'")) {
            while (r.next()) {
                rows.put(r.getString(1), r.getString(2));
            }
        }
        assertEquals("one trigger_claims row per claim, naming the winner", wonBy, rows);
    }

    /**
     * The gap between claim and fire: node-1 wins a due time, node-2 claims the same key meanwhile (it waits on
     * node-1's pending row), then node-1 stops before its fire. Node-1's fire is refused and its claim released,
     * so node-2 wins and fires it: the due time runs exactly once. The converse (node-1 fires) leaves node-2 out.
     */
    @Test(timeout = 60_000)
    public void aDueTimeClaimedByANodeThatStopsBeforeFiringIsFiredByTheOtherNode() throws Exception {
        String bindingId = "hand-over-" + UUID.randomUUID();
        Fakes.Type type1 = new Fakes.Type("cron");
        Fakes.Type type2 = new Fakes.Type("cron");
        Fakes.RecordingDispatcher dispatcher1 = new Fakes.RecordingDispatcher();
        Fakes.RecordingDispatcher dispatcher2 = new Fakes.RecordingDispatcher();
        TriggerRuntime node1 = runtime(bindingId, "node-1", dispatcher1, type1);
        TriggerRuntime node2 = runtime(bindingId, "node-2", dispatcher2, type2);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            io.picloud.trigger.api.TriggerCallback callback1 = type1.callbacks.get(bindingId);
            io.picloud.trigger.api.TriggerCallback callback2 = type2.callbacks.get(bindingId);

            String firedKey = bindingId + "@2026-06-01T12:00:00Z";
            assertTrue(callback1.claim(firedKey));
            java.util.concurrent.Future<Boolean> loser = pool.submit(() -> callback2.claim(firedKey));
            awaitClaimWaiting();
            assertTrue(callback1.fire(event("2026-06-01T12:00:00Z")).toCompletableFuture().get().succeeded());
            assertFalse("node-2 loses a due time node-1 fired", loser.get());

            String stoppedKey = bindingId + "@2026-06-01T12:00:01Z";
            assertTrue(callback1.claim(stoppedKey));
            java.util.concurrent.Future<Boolean> heir = pool.submit(() -> callback2.claim(stoppedKey));
            awaitClaimWaiting();
            node1.stop();                                   // node-1 shuts down between claim and fire
            assertEquals(io.picloud.trigger.api.TriggerResult.UNAVAILABLE,
                    callback1.fire(event("2026-06-01T12:00:01Z")).toCompletableFuture().get().errorKind());
            assertTrue("node-2 takes over the due time node-1 could not fire", heir.get());
            assertTrue(callback2.fire(event("2026-06-01T12:00:01Z")).toCompletableFuture().get().succeeded());

            assertEquals(List.of(Instant.parse("2026-06-01T12:00:00Z")), times(dispatcher1));
            assertEquals(List.of(Instant.parse("2026-06-01T12:00:01Z")), times(dispatcher2));
            Map<String, String> rows = new HashMap<>();
            try (Connection c = pg.dataSource.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT claim_key, node FROM trigger_claims WHERE claim_key LIKE '"
                         + bindingId + "@%'")) {
                while (r.next()) {
                    rows.put(r.getString(1), r.getString(2));
                }
            }
            assertEquals(Map.of(firedKey, "node-1", stoppedKey, "node-2"), rows);
        } finally {
            pool.shutdownNow();
            node1.stop();
            node2.stop();
        }
    }

    private static TriggerRuntime runtime(String bindingId, String node, Fakes.RecordingDispatcher dispatcher,
                                          Fakes.Type type) throws InterruptedException {
        Fakes.Store store = new Fakes.Store();
        store.put(binding(bindingId, "cron", true, "schedule", "@every 1s"));
        TriggerRuntime runtime = new TriggerRuntime(store, dispatcher, new Fakes.Queue(),
                Claims.of(claimStore(node), node, 7), Runnable::run, Clock.systemUTC());
        runtime.addType("cron", type);
        runtime.start();
        return runtime;
    }

    private static io.picloud.trigger.api.TriggerEvent event(String due) {
        return new io.picloud.trigger.api.TriggerEvent("@every 1s", Map.of("due", due), Map.of(), Instant.parse(due));
    }

    private static List<Instant> times(Fakes.RecordingDispatcher dispatcher) {
        synchronized (dispatcher) {
            return dispatcher.events.stream().map(Event::time).toList();
        }
    }

    /** Until (bounded by the test timeout) a session of the test database waits on a lock: node-2's claim. */
    private static void awaitClaimWaiting() throws Exception {
        try (Connection c = pg.dataSource.getConnection(); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                        + pg.name + "' AND wait_event_type = 'Lock'")) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
    }
}
