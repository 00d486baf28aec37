package io.picloud.store.impl;

import io.picloud.api.NodeBindingStatus;
import io.picloud.api.TriggerStatus;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** {@link JdbcBindingStatusStore} on the real PostgreSQL. */
public class JdbcBindingStatusStoreTest {
    private static final Instant SINCE = Instant.parse("2026-06-01T12:00:00Z");
    private TestDatabase pg;
    private StoreDatabase db;
    private JdbcBindingStatusStore store;

    @Before
    public void start() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
        store = new JdbcBindingStatusStore(db);
    }

    @After
    public void stop() throws Exception {
        db.stop();
        pg.close();
    }

    private static TriggerStatus status(String id, String state, String reason) {
        return new TriggerStatus(id, "mqtt", "s", state, reason, SINCE);
    }

    @Test
    public void eachNodesReportReplacesItsPreviousOneAndLeavesOtherNodesAlone() {
        store.report("node-a", List.of(status("b1", TriggerStatus.ACTIVE, null), status("b2", TriggerStatus.ACTIVE, null)));
        store.report("node-b", List.of(status("b1", TriggerStatus.ERROR, "broker unreachable")));
        Map<String, List<NodeBindingStatus>> all = store.statuses(Duration.ofMinutes(1));
        assertEquals(List.of("b1", "b2"), List.copyOf(all.keySet()));
        List<NodeBindingStatus> b1 = all.get("b1");
        assertEquals(List.of("node-a", "node-b"), b1.stream().map(NodeBindingStatus::node).toList());
        assertEquals(TriggerStatus.ERROR, b1.get(1).state());
        assertEquals("broker unreachable", b1.get(1).reason());
        assertEquals(SINCE, b1.get(1).since());

        store.report("node-a", List.of(status("b1", TriggerStatus.DISABLED, null),
                new TriggerStatus("b3", "cron", "s", null, null, null))); // not opened yet: not reported
        all = store.statuses(Duration.ofMinutes(1));
        assertEquals(List.of("b1"), List.copyOf(all.keySet()));
        assertEquals(List.of(TriggerStatus.DISABLED, TriggerStatus.ERROR),
                all.get("b1").stream().map(NodeBindingStatus::state).toList());

        store.report("node-b", List.of()); // node-b stopped
        assertEquals(1, store.statuses(Duration.ofMinutes(1)).get("b1").size());
    }

    @Test
    public void reportsOlderThanTheFreshnessAreLeftOut() throws Exception {
        store.report("node-a", List.of(status("b1", TriggerStatus.ACTIVE, null)));
        pg.execute("UPDATE trigger_binding_status SET seen_at = now() - interval '10 minutes'");
        assertTrue(store.statuses(Duration.ofMinutes(5)).isEmpty());
        assertEquals(1, store.statuses(Duration.ofMinutes(15)).size());
    }
}
