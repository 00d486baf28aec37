package io.picloud.store.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.picloud.api.AuditEntry;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@link JdbcAuditStore} on the real PostgreSQL: filters, paging by id, retention. */
public class JdbcAuditStoreTest {
    private static TestDatabase pg;
    private static StoreDatabase db;
    private static JdbcAuditStore audit;

    @BeforeClass
    public static void createDatabase() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
        audit = new JdbcAuditStore(db);
    }

    @AfterClass
    public static void dropDatabase() throws Exception {
        db.stop();
        pg.close();
    }

    @Before
    public void emptyLog() throws Exception {
        pg.execute("DELETE FROM audit_log");
    }

    @Test
    public void appendsAndReadsNewestFirst() {
        audit.append(entry("alice", 7, "script.deploy", "hello", "ok", "version 1"));
        audit.append(entry("shell:karaf", 0, "user.create", "user:bob", "ok", null));
        List<AuditEntry> all = audit.query(null, null, null, null, 10);
        assertEquals(2, all.size());
        AuditEntry newest = all.get(0);
        assertEquals("shell:karaf", newest.actor());
        assertEquals("user.create", newest.action());
        assertEquals("user:bob", newest.target());
        assertNull(newest.detail());
        AuditEntry first = all.get(1);
        assertEquals(7, first.keyId());
        assertEquals("10.1.2.3", first.address());
        assertEquals("ok", first.outcome());
        assertEquals("version 1", first.detail());
        assertTrue(first.id() < newest.id());
        assertTrue(Math.abs(ChronoUnit.SECONDS.between(first.time(), Instant.now())) < 60);
    }

    @Test
    public void filtersByActorActionPrefixAndTarget() {
        audit.append(entry("alice", 0, "script.deploy", "a", "ok", null));
        audit.append(entry("alice", 0, "script.delete", "b", "ok", null));
        audit.append(entry("bob", 0, "script.deploy", "b", "denied", null));
        audit.append(entry("bob", 0, "scripts.other", "c", "ok", null));
        assertEquals(2, audit.query("alice", null, null, null, 10).size());
        assertEquals(2, audit.query(null, "script.deploy", null, null, 10).size());
        assertEquals("a family of actions: script matches script.* only", 3,
                audit.query(null, "script", null, null, 10).size());
        assertEquals(2, audit.query(null, null, "b", null, 10).size());
        List<AuditEntry> one = audit.query("bob", "script", "b", null, 10);
        assertEquals(1, one.size());
        assertEquals("denied", one.get(0).outcome());
        assertTrue(audit.query("carol", null, null, null, 10).isEmpty());
    }

    @Test
    public void pagesWithBefore() {
        for (int i = 0; i < 5; i++) {
            audit.append(entry("alice", 0, "key.create", "key:" + i, "ok", null));
        }
        List<AuditEntry> page1 = audit.query(null, null, null, null, 2);
        assertEquals(List.of("key:4", "key:3"), page1.stream().map(AuditEntry::target).toList());
        List<AuditEntry> page2 = audit.query(null, null, null, page1.get(1).id(), 2);
        assertEquals(List.of("key:2", "key:1"), page2.stream().map(AuditEntry::target).toList());
        List<AuditEntry> page3 = audit.query(null, null, null, page2.get(1).id(), 2);
        assertEquals(List.of("key:0"), page3.stream().map(AuditEntry::target).toList());
    }

    @Test
    public void deletesEntriesOlderThanTheCutoff() throws Exception {
        audit.append(entry("alice", 0, "a", null, "ok", null));
        audit.append(entry("alice", 0, "b", null, "ok", null));
        pg.execute("UPDATE audit_log SET at = now() - interval '400 days' WHERE action = 'a'");
        assertEquals(1, audit.deleteOlderThan(Instant.now().minus(365, ChronoUnit.DAYS)));
        assertEquals(List.of("b"), audit.query(null, null, null, null, 10).stream().map(AuditEntry::action).toList());
        assertEquals(0, audit.deleteOlderThan(Instant.now().minus(365, ChronoUnit.DAYS)));
    }

    @Test
    public void longValuesAreCutToTheirColumns() {
        audit.append(entry("x".repeat(500), 0, "y".repeat(100), "t", "z".repeat(40), null));
        AuditEntry e = audit.query(null, null, null, null, 1).get(0);
        assertEquals(120, e.actor().length());
        assertEquals(64, e.action().length());
        assertEquals(16, e.outcome().length());
    }

    private static AuditEntry entry(String actor, long keyId, String action, String target, String outcome,
                                    String detail) {
        return new AuditEntry(0, Instant.now(), actor, keyId, action, target, "10.1.2.3", outcome, detail);
    }
}
