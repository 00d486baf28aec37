package io.picloud.store.impl;

import io.picloud.store.sql.Sql;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.picloud.api.DeployResult;
import io.picloud.api.ScriptSummary;
import io.picloud.api.ScriptVersion;
import io.picloud.api.StoreUnavailableException;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** The script store against the real PostgreSQL. */
public class JdbcScriptStoreTest {
    private static TestDatabase pg;
    private static StoreDatabase db;
    private JdbcScriptStore store;
    private final List<String> changes = new ArrayList<>();

    @BeforeClass
    public static void createDatabase() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
    }

    @AfterClass
    public static void dropDatabase() throws Exception {
        db.stop();
        pg.close();
    }

    @Before
    public void emptyStore() throws SQLException {
        pg.execute("DELETE FROM scripts");
        store = new JdbcScriptStore(db);
        store.addListener(changes::add);
    }

    @Test
    public void deployCreatesVersionsAndActivatesTheNewest() {
        DeployResult first = store.deploy("hello", "40 + 2");
        assertTrue(first.created());
        assertEquals(1, first.version().version());
        assertEquals(Sql.sha256Hex("40 + 2"), first.version().hash());
        assertEquals(64, first.version().hash().length());

        DeployResult second = store.deploy("hello", "\"hi\"", "alice");
        assertFalse(second.created());
        assertEquals(2, second.version().version());

        ScriptVersion active = store.active("hello").orElseThrow();
        assertEquals(2, active.version());
        assertEquals("\"hi\"", active.source());

        List<ScriptVersion> versions = store.versions("hello");
        assertEquals(List.of(2, 1), versions.stream().map(ScriptVersion::version).toList());
        assertEquals("40 + 2", versions.get(1).source());
        assertEquals(List.of("hello", "hello"), changes);
    }

    @Test
    public void rollbackMakesAnOldVersionActive() {
        store.deploy("app", "1");
        store.deploy("app", "2");
        ScriptVersion back = store.rollback("app", 1).orElseThrow();
        assertEquals(1, back.version());
        assertEquals("1", store.active("app").orElseThrow().source());
        assertTrue(store.rollback("app", 7).isEmpty());
        assertTrue(store.rollback("nope", 1).isEmpty());
        assertEquals(1, store.active("app").orElseThrow().version());

        ScriptSummary s = store.list().get(0);
        assertEquals("app", s.name());
        assertEquals(1, s.activeVersion());
        assertEquals(2, s.latestVersion());
        assertEquals(Sql.sha256Hex("1"), s.activeHash());
        // a deploy after a rollback gets the next number, not a reused one
        assertEquals(3, store.deploy("app", "3").version().version());
    }

    @Test
    public void deleteRemovesTheScriptAndAllVersions() {
        store.deploy("gone", "1");
        store.deploy("gone", "2");
        assertTrue(store.delete("gone"));
        assertTrue(store.active("gone").isEmpty());
        assertTrue(store.versions("gone").isEmpty());
        assertFalse(store.delete("gone"));
        DeployResult again = store.deploy("gone", "3");
        assertTrue(again.created());
        assertEquals(1, again.version().version());
    }

    @Test
    public void listIsSortedByName() {
        store.deploy("b", "1");
        store.deploy("a", "1");
        store.deploy("c-1", "1");
        assertEquals(List.of("a", "b", "c-1"), store.list().stream().map(ScriptSummary::name).toList());
    }

    @Test
    public void versionsCannotBeChanged() throws SQLException {
        store.deploy("frozen", "1");
        try {
            pg.execute("UPDATE script_versions SET source = 'evil' WHERE name = 'frozen'");
            fail("update of a version");
        } catch (SQLException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("immutable"));
        }
    }

    @Test
    public void invalidNamesAreRejectedOrUnknown() {
        try {
            store.deploy("Bad Name", "1");
            fail("bad name");
        } catch (IllegalArgumentException expected) {
            // expected
        }
        assertTrue(store.active("Bad Name").isEmpty());
        assertFalse(store.delete("../x"));
    }

    @Test
    public void concurrentDeploysGetDistinctVersions() throws Exception {
        int threads = 4;
        int each = 5;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            int n = t;
            Thread w = new Thread(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        store.deploy("race", n + ":" + i);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        assertTrue(errors.toString(), errors.isEmpty());
        List<ScriptVersion> versions = store.versions("race");
        assertEquals(threads * each, versions.size());
        assertEquals(threads * each, versions.get(0).version());
    }

    @Test
    public void anOutageFailsWritesAsUnavailableAndKeepsCommittedData() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestDatabase.HOST, TestDatabase.PORT)) {
            StoreDatabase viaProxy = new StoreDatabase(StoreDatabaseTest.proxiedFor(pg, proxy), "test-store-db");
            viaProxy.start();
            TestDatabase.awaitReady(viaProxy);
            JdbcScriptStore proxied = new JdbcScriptStore(viaProxy);
            proxied.deploy("kept", "1");
            proxy.cut();
            try {
                proxied.deploy("kept", "2");
                fail("deploy during the outage");
            } catch (StoreUnavailableException expected) {
                // expected
            }
            try {
                proxied.active("kept");
                fail("read during the outage");
            } catch (StoreUnavailableException expected) {
                // expected
            }
            proxy.restore();
            TestDatabase.awaitReady(viaProxy);
            assertEquals(1, proxied.active("kept").orElseThrow().version());
            assertEquals(2, proxied.deploy("kept", "2").version().version());
            viaProxy.stop();
        }
    }

    @Test
    public void anotherContainersStoreHearsDeployRollbackAndDeleteThroughNotify() throws Exception {
        // a node: its own store on the same database, hearing the manager's changes only through LISTEN/NOTIFY
        JdbcScriptStore node = new JdbcScriptStore(db, pg.dataSource);
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        node.addListener(heard::add);
        try {
            for (int i = 0; i < 100 && !node.listening(); i++) {
                Thread.sleep(50);
            }
            assertTrue("the node listens", node.listening());
            store.deploy("remote", "1");
            assertEquals("remote", heard.poll(10, TimeUnit.SECONDS));
            store.deploy("remote", "2");
            assertEquals("remote", heard.poll(10, TimeUnit.SECONDS));
            assertEquals(2, node.active("remote").orElseThrow().version());
            store.rollback("remote", 1);
            assertEquals("remote", heard.poll(10, TimeUnit.SECONDS));
            assertTrue(store.delete("remote"));
            assertEquals("remote", heard.poll(10, TimeUnit.SECONDS));
            assertTrue(node.active("remote").isEmpty());
        } finally {
            node.deactivate();
        }
        assertFalse(node.listening());
    }
}
