package io.picloud.store.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.picloud.api.StoredBinding;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** {@link JdbcBindingStore} on the real PostgreSQL, migrated by the manager's changelogs. */
public class JdbcBindingStoreTest {
    private TestDatabase pg;
    private StoreDatabase db;
    private JdbcBindingStore store;

    @Before
    public void start() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
        store = new JdbcBindingStore(db, pg.dataSource);
    }

    @After
    public void stop() throws Exception {
        store.deactivate();
        db.stop();
        pg.close();
    }

    @Test
    public void createsReadsReplacesAndDeletes() {
        Map<String, Object> config = Map.of("schedule", "@every 1s", "limits", Map.of("n", 3L), "on", List.of(true, 1.5));
        StoredBinding created = store.save(new StoredBinding(null, "cron", "hello", config, true, null));
        assertTrue(created.id(), created.id().matches("cron-[0-9a-f]{10}"));
        assertEquals(config, created.config());
        assertNull(created.lastFired());
        assertEquals(created, store.find(created.id()).orElseThrow());

        StoredBinding second = store.save(new StoredBinding(null, "mqtt", "other", Map.of("topic", "a/b"), false, null));
        List<String> ids = store.list().stream().map(StoredBinding::id).toList();
        assertEquals(List.of(created.id(), second.id()).stream().sorted().toList(), ids);

        StoredBinding replaced = store.save(new StoredBinding(created.id(), "cron", "hello2",
                Map.of("schedule", "0 * * * *"), false, null));
        assertEquals("hello2", replaced.script());
        assertFalse(replaced.enabled());
        assertEquals(Map.of("schedule", "0 * * * *"), store.find(created.id()).orElseThrow().config());

        assertTrue(store.delete(created.id()));
        assertFalse(store.delete(created.id()));
        assertTrue(store.find(created.id()).isEmpty());
        assertEquals(1, store.list().size());
    }

    @Test
    public void theOwnerIsAUsernameKeptWhenAnUpdateNamesNone() throws Exception {
        pg.execute("INSERT INTO users (name, role) VALUES ('alice', 'developer'), ('bob', 'admin')");
        StoredBinding b = store.save(new StoredBinding(null, "cron", "s", Map.of(), true, null, "alice"));
        assertEquals("alice", b.owner());
        assertEquals("alice", store.find(b.id()).orElseThrow().owner());

        StoredBinding changed = store.save(b.with("cron", "s", Map.of("schedule", "@every 1m"), false));
        assertEquals("alice", changed.owner());
        StoredBinding anonymous = store.save(new StoredBinding(b.id(), "cron", "s", Map.of(), true, null, null));
        assertEquals("no owner given: the stored one stays", "alice", anonymous.owner());
        assertEquals("bob", store.save(new StoredBinding(b.id(), "cron", "s", Map.of(), true, null, "bob")).owner());

        assertNull("no such user: no owner", store.save(new StoredBinding(null, "cron", "s", Map.of(), true, null,
                "nobody")).owner());
        pg.execute("DELETE FROM users WHERE name = 'bob'");
        assertNull("the owner's deletion leaves the binding", store.find(b.id()).orElseThrow().owner());
    }

    @Test
    public void recordFiredKeepsTheLaterTime() {
        StoredBinding b = store.save(new StoredBinding(null, "cron", "s", Map.of(), true, null));
        Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
        store.recordFired(b.id(), t1);
        assertEquals(t1, store.find(b.id()).orElseThrow().lastFired());
        store.recordFired(b.id(), t1.minusSeconds(60));
        assertEquals(t1, store.find(b.id()).orElseThrow().lastFired());
        Instant t2 = t1.plusSeconds(1);
        store.recordFired(b.id(), t2);
        assertEquals(t2, store.find(b.id()).orElseThrow().lastFired());
        // a replace keeps the fire time
        store.save(new StoredBinding(b.id(), "cron", "s", Map.of("x", "y"), true, null));
        assertEquals(t2, store.find(b.id()).orElseThrow().lastFired());
        store.recordFired("no-such-binding", t2);
    }

    @Test
    public void listenersHearLocalChangesAtOnceAndOtherNodesThroughNotify() throws Exception {
        BlockingQueue<String> local = new LinkedBlockingQueue<>();
        store.addListener(local::add);
        // a second "node": its own store on the same database, hearing changes only through LISTEN/NOTIFY
        StoreDatabase otherDb = pg.store();
        JdbcBindingStore other = new JdbcBindingStore(otherDb, pg.dataSource);
        BlockingQueue<String> remote = new LinkedBlockingQueue<>();
        other.addListener(remote::add);
        try {
            for (int i = 0; i < 100 && !other.listening(); i++) {
                Thread.sleep(50);
            }
            assertTrue("the other node listens", other.listening());
            StoredBinding b = store.save(new StoredBinding(null, "event", "s", Map.of("topic", "t"), true, null));
            assertEquals(b.id(), local.poll());
            assertEquals(b.id(), remote.poll(10, TimeUnit.SECONDS));
            assertTrue(store.delete(b.id()));
            assertEquals(b.id(), remote.poll(10, TimeUnit.SECONDS));
            store.recordFired(b.id(), Instant.now());
            StoredBinding c = store.save(new StoredBinding(null, "event", "s", Map.of(), true, null));
            assertEquals(c.id(), remote.poll(10, TimeUnit.SECONDS));
        } finally {
            other.deactivate();
            otherDb.stop();
        }
        assertFalse(other.listening());
    }

    @Test
    public void aThrowingListenerDoesNotStopTheOthers() {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        store.addListener(id -> {
            throw new IllegalStateException("boom");
        });
        store.addListener(heard::add);
        StoredBinding b = store.save(new StoredBinding(null, "cron", "s", Map.of(), true, null));
        assertNotNull(heard.poll());
        assertEquals(b.id(), store.find(b.id()).orElseThrow().id());
    }
}
