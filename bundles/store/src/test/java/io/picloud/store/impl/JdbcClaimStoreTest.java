package io.picloud.store.impl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import io.picloud.api.ClaimStore;
import io.picloud.api.StoreUnavailableException;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** {@link JdbcClaimStore} against a throwaway database on the real PostgreSQL at 127.0.0.1:5432. */
public class JdbcClaimStoreTest {
    private static TestDatabase pg;
    private static StoreDatabase db;

    @BeforeClass
    public static void database() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
    }

    @AfterClass
    public static void drop() throws Exception {
        if (db != null) {
            db.stop();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test(timeout = 60_000)
    public void exactlyOneNodeWinsEachKeyEvenConcurrently() throws Exception {
        JdbcClaimStore node1 = new JdbcClaimStore(db);
        JdbcClaimStore node2 = new JdbcClaimStore(db);
        String key = "b1@" + UUID.randomUUID();
        assertTrue(kept(node1, "node-1", key));
        assertFalse(kept(node2, "node-2", key));
        assertFalse(kept(node1, "node-1", key));
        assertEquals("node-1", owner(key));

        String contested = "b2@" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                JdbcClaimStore store = i % 2 == 0 ? node1 : node2;
                String node = i % 2 == 0 ? "node-1" : "node-2";
                results.add(pool.submit((Callable<Boolean>) () -> kept(store, node, contested)));
            }
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test(timeout = 60_000)
    public void aNodeWaitingOnAPendingClaimWinsItWhenItIsReleased() throws Exception {
        JdbcClaimStore node1 = new JdbcClaimStore(db);
        JdbcClaimStore node2 = new JdbcClaimStore(db);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            String released = "b3@" + UUID.randomUUID();
            ClaimStore.Claim first = node1.claim("node-1", released, 7);
            assertNotNull(first);
            assertNull("uncommitted until kept or released", owner(released));
            Future<Boolean> second = pool.submit(() -> kept(node2, "node-2", released));   // waits on node-1
            first.release();
            assertTrue("node-2 takes the released claim", second.get());
            assertEquals("node-2", owner(released));

            String keptKey = "b4@" + UUID.randomUUID();
            ClaimStore.Claim mine = node1.claim("node-1", keptKey, 7);
            assertNotNull(mine);
            Future<Boolean> loser = pool.submit(() -> kept(node2, "node-2", keptKey));
            mine.keep();
            assertFalse("node-2 loses a kept claim", loser.get());
            assertEquals("node-1", owner(keptKey));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test(timeout = 60_000)
    public void aReleasedClaimLeavesNoRow() throws Exception {
        String key = "b5@" + UUID.randomUUID();
        ClaimStore.Claim claim = new JdbcClaimStore(db).claim("node-1", key, 7);
        assertNotNull(claim);
        claim.release();
        assertNull(owner(key));
    }

    @Test(timeout = 60_000)
    public void keepingPurgesClaimsOlderThanTheRetentionAtMostOnceAnHour() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-06-01T12:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        JdbcClaimStore store = new JdbcClaimStore(db, clock);
        String old = "old@" + UUID.randomUUID();
        String recent = "recent@" + UUID.randomUUID();
        insert(old, 10);
        insert(recent, 2);
        assertTrue(kept(store, "node-1", "k1@" + UUID.randomUUID(), 7));
        assertNull("older than 7 days: purged", owner(old));
        assertEquals("2 days old: kept", "node-x", owner(recent));

        String old2 = "old2@" + UUID.randomUUID();
        insert(old2, 10);
        now.set(now.get().plus(Duration.ofMinutes(59)));
        assertTrue(kept(store, "node-1", "k2@" + UUID.randomUUID(), 7));
        assertEquals("no second purge within the hour", "node-x", owner(old2));

        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertTrue(kept(store, "node-1", "k3@" + UUID.randomUUID(), 1));
        assertNull("purged again after the hour", owner(old2));
        assertNull("with the retention of this claim (1 day)", owner(recent));
    }

    @Test(timeout = 60_000)
    public void aRetentionBelowOneDayCountsAsOne() throws Exception {
        JdbcClaimStore store = new JdbcClaimStore(db);    // a new store purges at its first kept claim
        String hourOld = "hour@" + UUID.randomUUID();
        try (Connection c = pg.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO trigger_claims (claim_key, node, claimed_at) VALUES (?, 'node-x', now() - interval "
                        + "'1 hour')")) {
            ps.setString(1, hourOld);
            ps.executeUpdate();
        }
        assertTrue(kept(store, "node-1", "k4@" + UUID.randomUUID(), 0));
        assertEquals("not purged with a retention of 0 days", "node-x", owner(hourOld));
    }

    @Test(timeout = 60_000)
    public void anUnreachableDatabaseClaimsNothingAndSaysSo() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2");
        nowhere.setUser("postgres");
        StoreDatabase down = new StoreDatabase(nowhere, "test-claims-nowhere");
        down.start();
        try {
            assertUnavailable(new JdbcClaimStore(down), "b1@x");
        } finally {
            down.stop();
        }
    }

    @Test(timeout = 60_000)
    public void aClaimCutOffFromTheDatabaseIsUnavailableAndMarksItDown() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestDatabase.HOST, TestDatabase.PORT)) {
            StoreDatabase proxied = new StoreDatabase(proxied(proxy), "test-claims-proxy");
            proxied.start();
            try {
                TestDatabase.awaitReady(proxied);
                JdbcClaimStore store = new JdbcClaimStore(proxied);
                proxy.cut();
                String key = "cut@" + UUID.randomUUID();
                assertUnavailable(store, key);
                assertFalse("the store knows the database is down", proxied.ready());
                assertUnavailable(store, key);
                proxy.restore();
                TestDatabase.awaitReady(proxied);
                assertTrue("claimed once the database is back", kept(store, "node-1", key, 7));
                assertEquals("node-1", owner(key));
            } finally {
                proxied.stop();
            }
        }
    }

    private static void assertUnavailable(ClaimStore store, String key) {
        try {
            ClaimStore.Claim claim = store.claim("node-1", key, 7);
            fail("claimed without a database: " + claim);
        } catch (StoreUnavailableException expected) {
            // nothing claimed: the caller claims again later
        }
    }

    /** Claims {@code key} and keeps it at once: true when {@code node} won it. */
    private static boolean kept(ClaimStore store, String node, String key) {
        return kept(store, node, key, 7);
    }

    private static boolean kept(ClaimStore store, String node, String key, int retentionDays) {
        ClaimStore.Claim claim = store.claim(node, key, retentionDays);
        if (claim == null) {
            return false;
        }
        claim.keep();
        return true;
    }

    private static PGSimpleDataSource proxied(TcpProxy proxy) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {proxy.port()});
        ds.setDatabaseName(pg.name);
        ds.setUser(TestDatabase.USER);
        ds.setConnectTimeout(2);
        ds.setSocketTimeout(10);
        return ds;
    }

    private static void insert(String key, int daysAgo) throws Exception {
        try (Connection c = pg.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO trigger_claims (claim_key, node, claimed_at) VALUES (?, 'node-x', "
                        + "now() - make_interval(days => ?))")) {
            ps.setString(1, key);
            ps.setInt(2, daysAgo);
            ps.executeUpdate();
        }
    }

    private static String owner(String key) throws Exception {
        try (Connection c = pg.dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT node FROM trigger_claims WHERE claim_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }
}
