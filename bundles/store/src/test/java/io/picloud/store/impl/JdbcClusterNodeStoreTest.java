package io.picloud.store.impl;

import io.picloud.api.ClusterNode;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** {@link JdbcClusterNodeStore} and the {@link ClusterHeartbeat} on the real PostgreSQL. */
public class JdbcClusterNodeStoreTest {
    private static final Instant STARTED = Instant.parse("2026-06-01T12:00:00Z");
    private TestDatabase pg;
    private StoreDatabase db;
    private JdbcClusterNodeStore store;

    @Before
    public void start() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
        store = new JdbcClusterNodeStore(db);
    }

    @After
    public void stop() throws Exception {
        db.stop();
        pg.close();
    }

    @Test
    public void aHeartbeatInsertsThenRefreshesTheRow() throws Exception {
        store.heartbeat("2@b", List.of("node"), "0.6.0", STARTED);
        store.heartbeat("1@a", List.of("manager", "node"), "0.6.0", STARTED);
        pg.execute("UPDATE cluster_nodes SET seen_at = now() - interval '10 minutes' WHERE node = '1@a'");
        List<ClusterNode> nodes = store.list(Duration.ofSeconds(90));
        assertEquals(List.of("1@a", "2@b"), nodes.stream().map(ClusterNode::node).toList());
        ClusterNode a = nodes.get(0);
        assertEquals(List.of("manager", "node"), a.roles());
        assertEquals("0.6.0", a.product());
        assertEquals(STARTED, a.startedAt());
        assertFalse("not seen for 10 minutes", a.up());
        assertTrue(nodes.get(1).up());

        store.heartbeat("1@a", List.of("manager"), "0.7.0", STARTED.plusSeconds(60));
        ClusterNode again = store.list(Duration.ofSeconds(90)).get(0);
        assertTrue(again.up());
        assertEquals(List.of("manager"), again.roles());
        assertEquals("0.7.0", again.product());
        assertEquals(STARTED.plusSeconds(60), again.startedAt());
        assertTrue(again.seenAt().isAfter(a.seenAt()));
        assertEquals(1, pg.count("SELECT count(*) FROM cluster_nodes WHERE node = '1@a'"));
    }

    @Test
    public void removedAndLongGoneNodesDisappear() throws Exception {
        store.heartbeat("1@a", List.of("node"), "0.6.0", STARTED);
        store.heartbeat("2@b", List.of("node"), "0.6.0", STARTED);
        store.heartbeat("3@c", List.of("node"), "0.6.0", STARTED);
        pg.execute("UPDATE cluster_nodes SET seen_at = now() - interval '2 days' WHERE node = '3@c'");
        store.remove("1@a");
        assertEquals(1, store.prune(Duration.ofDays(1)));
        assertEquals(List.of("2@b"), store.list(Duration.ofSeconds(90)).stream().map(ClusterNode::node).toList());
    }

    @Test
    public void theHeartbeatWritesAtStartAndRemovesItsRowWhenStopped() throws Exception {
        store.heartbeat("old@gone", List.of("node"), "0.5.0", STARTED);
        pg.execute("UPDATE cluster_nodes SET seen_at = now() - interval '2 days'");
        ClusterHeartbeat beat = new ClusterHeartbeat(store, "7@here", ClusterHeartbeat.roles("node"), "0.6.0",
                STARTED, Duration.ofMillis(50));
        beat.start();
        try {
            awaitRows("SELECT count(*) FROM cluster_nodes WHERE node = '7@here'", 1);
            Instant first = store.list(Duration.ofMinutes(1)).get(0).seenAt();
            awaitRows("SELECT count(*) FROM cluster_nodes WHERE node = '7@here' AND seen_at > '" + first + "'", 1);
            assertEquals("the first heartbeat prunes rows a day old", 0,
                    pg.count("SELECT count(*) FROM cluster_nodes WHERE node = 'old@gone'"));
        } finally {
            beat.stop();
        }
        assertEquals(0, pg.count("SELECT count(*) FROM cluster_nodes"));
    }

    @Test
    public void rolesFollowPicloudRole() {
        assertEquals(List.of("manager", "node"), ClusterHeartbeat.roles("all"));
        assertEquals(List.of("manager", "node"), ClusterHeartbeat.roles(null));
        assertEquals(List.of("manager"), ClusterHeartbeat.roles("manager"));
        assertEquals(List.of("node"), ClusterHeartbeat.roles("node"));
    }

    private void awaitRows(String sql, long expected) throws Exception {
        for (int i = 0; i < 100 && pg.count(sql) != expected; i++) {
            Thread.sleep(50);
        }
        assertEquals(sql, expected, pg.count(sql));
    }
}
