package io.picloud.trigger.runtime.impl;

import org.junit.BeforeClass;
import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** Against the real PostgreSQL on 127.0.0.1:5432, database test. */
public class JdbcClaimsTest {
    /** The table the manager's changelog 0002_triggers must create. */
    static final String DDL = "CREATE TABLE IF NOT EXISTS trigger_claims (claim_key TEXT PRIMARY KEY, "
            + "node TEXT NOT NULL, claimed_at TIMESTAMPTZ NOT NULL DEFAULT now())";
    private static PGSimpleDataSource dataSource;

    @BeforeClass
    public static void table() throws Exception {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:5432/test");
        dataSource.setUser("postgres");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(DDL);
        }
    }

    @Test(timeout = 60_000)
    public void exactlyOneNodeWinsEachKeyEvenConcurrently() throws Exception {
        JdbcClaims node1 = new JdbcClaims(dataSource, "node-1", 7, Clock.systemUTC());
        JdbcClaims node2 = new JdbcClaims(dataSource, "node-2", 7, Clock.systemUTC());
        String key = "b1@" + UUID.randomUUID();
        assertTrue(kept(node1, key));
        assertFalse(kept(node2, key));
        assertFalse(kept(node1, key));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT node FROM trigger_claims WHERE claim_key = '" + key + "'")) {
            assertTrue(r.next());
            assertEquals("node-1", r.getString(1));
        }
        String contested = "b2@" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                JdbcClaims node = i % 2 == 0 ? node1 : node2;
                results.add(pool.submit((Callable<Boolean>) () -> kept(node, contested)));
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

    /** Claims {@code key} and keeps it at once: true when this node won it. */
    static boolean kept(Claims claims, String key) {
        Claims.Claim claim = claims.claim(key);
        if (claim == null) {
            return false;
        }
        claim.keep();
        return true;
    }

    @Test(timeout = 60_000)
    public void aNodeWaitingOnAPendingClaimWinsItWhenItIsReleased() throws Exception {
        JdbcClaims node1 = new JdbcClaims(dataSource, "node-1", 7, Clock.systemUTC());
        JdbcClaims node2 = new JdbcClaims(dataSource, "node-2", 7, Clock.systemUTC());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            String released = "b3@" + UUID.randomUUID();
            Claims.Claim first = node1.claim(released);
            assertNotNull(first);
            Future<Boolean> second = pool.submit(() -> kept(node2, released));   // waits on node-1's outcome
            first.release();
            assertTrue("node-2 takes the released claim", second.get());
            assertEquals("node-2", owner(released));

            String keptKey = "b4@" + UUID.randomUUID();
            Claims.Claim mine = node1.claim(keptKey);
            assertNotNull(mine);
            Future<Boolean> loser = pool.submit(() -> kept(node2, keptKey));
            mine.keep();
            assertFalse("node-2 loses a kept claim", loser.get());
            assertEquals("node-1", owner(keptKey));
        } finally {
            pool.shutdownNow();
        }
    }

    private String owner(String key) throws Exception {
        try (Connection c = dataSource.getConnection();
             java.sql.PreparedStatement s = c.prepareStatement("SELECT node FROM trigger_claims WHERE claim_key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    @Test(timeout = 60_000)
    public void anUnreachableDatabaseClaimsNothing() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2");
        nowhere.setUser("postgres");
        assertNull(new JdbcClaims(nowhere, "node-1", 7, Clock.systemUTC()).claim("b1@x"));
    }
}
