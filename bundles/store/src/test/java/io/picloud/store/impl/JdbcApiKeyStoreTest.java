package io.picloud.store.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.picloud.api.Role;
import io.picloud.api.StoredKey;
import io.picloud.api.User;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@link JdbcApiKeyStore} on the real PostgreSQL, listening for the key-change notifications. */
public class JdbcApiKeyStoreTest {
    private static TestDatabase pg;
    private static StoreDatabase db;
    private static JdbcApiKeyStore keys;
    private static JdbcUserStore users;
    private User alice;
    private User bob;

    @BeforeClass
    public static void createDatabase() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
        keys = new JdbcApiKeyStore(db, pg.dataSource);
        users = new JdbcUserStore(db);
    }

    @AfterClass
    public static void dropDatabase() throws Exception {
        keys.deactivate();
        db.stop();
        pg.close();
    }

    @Before
    public void twoUsers() throws Exception {
        pg.execute("DELETE FROM users");
        alice = users.create("alice", null, Role.ADMIN);
        bob = users.create("bob", null, Role.DEVELOPER);
    }

    @Test
    public void insertsFindsByPrefixAndLists() {
        Instant expires = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        long full = keys.insert(alice.id(), "ci", "a".repeat(64), "pc_aaaaaaaa", null, null, null);
        long narrow = keys.insert(alice.id(), "reader", "b".repeat(64), "pc_bbbbbbbb", Role.VIEWER, expires,
                Set.of("zeta", "alpha"));
        long other = keys.insert(bob.id(), "bobs", "c".repeat(64), "pc_aaaaaaaa", null, null, Set.of());

        StoredKey k = keys.find(narrow).orElseThrow();
        assertEquals(alice.id(), k.userId());
        assertEquals("alice", k.username());
        assertEquals(Role.ADMIN, k.userRole());
        assertTrue(k.userActive());
        assertEquals("reader", k.name());
        assertEquals("b".repeat(64), k.keyHash());
        assertEquals(Role.VIEWER, k.role());
        assertEquals(expires, k.expiresAt());
        assertEquals(Set.of("alpha", "zeta"), k.scripts());
        assertNull(k.lastUsedAt());
        assertFalse(k.revoked());
        assertNull(keys.find(full).orElseThrow().role());
        assertNull(keys.find(full).orElseThrow().expiresAt());
        assertEquals(Set.of(), keys.find(full).orElseThrow().scripts());

        assertEquals(List.of(full, other), keys.byPrefix("pc_aaaaaaaa").stream().map(StoredKey::id).sorted().toList());
        assertTrue(keys.byPrefix("pc_nothing").isEmpty());
        assertEquals(List.of(full, narrow), keys.list(alice.id()).stream().map(StoredKey::id).toList());
        assertEquals(List.of(full, narrow, other), keys.list(null).stream().map(StoredKey::id).toList());
        assertTrue(keys.find(other + 100).isEmpty());
    }

    @Test
    public void revokesOnceAndRecordsUse() {
        long id = keys.insert(bob.id(), "k", "d".repeat(64), "pc_dddddddd", null, null, null);
        long id2 = keys.insert(bob.id(), "k2", "e".repeat(64), "pc_eeeeeeee", null, null, null);
        assertTrue(keys.revoke(id));
        assertFalse("already revoked", keys.revoke(id));
        assertFalse("no such key", keys.revoke(id2 + 100));
        assertTrue(keys.find(id).orElseThrow().revoked());
        assertFalse(keys.find(id2).orElseThrow().revoked());

        Instant a = Instant.parse("2026-01-02T03:04:05Z");
        Instant b = Instant.parse("2026-02-03T04:05:06Z");
        keys.touch(Map.of());
        keys.touch(Map.of(id, a, id2, b));
        assertEquals(a, keys.find(id).orElseThrow().lastUsedAt());
        assertEquals(b, keys.find(id2).orElseThrow().lastUsedAt());
    }

    @Test
    public void listenersHearOfRevocationsAndUserChangesThroughNotify() throws Exception {
        Semaphore changes = new Semaphore(0);
        Runnable listener = changes::release;
        awaitListening();
        keys.addChangeListener(listener);
        try {
            long id = keys.insert(bob.id(), "k", "f".repeat(64), "pc_ffffffff", null, null, null);
            assertTrue("insert notified", changes.tryAcquire(5, TimeUnit.SECONDS));
            changes.drainPermits();
            // a revocation made by another container: plain SQL on another connection
            pg.execute("UPDATE api_keys SET revoked = TRUE WHERE id = " + id);
            assertTrue("revocation notified", changes.tryAcquire(5, TimeUnit.SECONDS));
            changes.drainPermits();
            users.update(bob.id(), null, false, null, null);
            assertTrue("deactivation notified", changes.tryAcquire(5, TimeUnit.SECONDS));
            assertFalse(keys.find(id).orElseThrow().userActive());

            // the deactivation may be told more than once (user and key rows): wait until the notices are over
            while (changes.tryAcquire(300, TimeUnit.MILLISECONDS)) {
                changes.drainPermits();
            }
            keys.touch(Map.of(id, Instant.now()));
            assertFalse("a use is no change", changes.tryAcquire(500, TimeUnit.MILLISECONDS));
        } finally {
            keys.removeChangeListener(listener);
        }
    }

    private static void awaitListening() throws InterruptedException {
        for (int i = 0; i < 100 && !keys.listening(); i++) {
            Thread.sleep(50);
        }
        assertTrue("listening", keys.listening());
    }
}
