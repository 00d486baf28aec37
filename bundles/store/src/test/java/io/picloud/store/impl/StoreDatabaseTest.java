package io.picloud.store.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

import io.picloud.api.StoreUnavailableException;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Migrations (also two containers at once) and outage handling against the real PostgreSQL. */
public class StoreDatabaseTest {
    private TestDatabase pg;
    private StoreDatabase db;

    @Before
    public void createDatabase() throws Exception {
        pg = new TestDatabase();
    }

    @After
    public void dropDatabase() throws Exception {
        if (db != null) {
            db.stop();
        }
        pg.close();
    }

    @Test
    public void migratesToTheLatestSchemaAndReportsItsNumber() throws Exception {
        db = pg.store();
        assertEquals(7, Migrations.schemaVersion()); // bump with each new changelog file
        assertEquals(7, db.schemaVersion());
        assertEquals("v1", db.apiVersion());
        assertTrue(db.productVersion().matches("\\d+\\.\\d+\\.\\d+.*"));
        assertTrue(db.problem().isEmpty());
        Set<String> tables = new TreeSet<>();
        try (Connection c = pg.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertTrue(tables.toString(), tables.containsAll(Set.of("scripts", "script_versions", "invocations", "users",
                "api_keys", "trigger_bindings", "trigger_claims", "kv_entries", "script_secrets", "cluster_nodes",
                "databasechangelog", "databasechangeloglock")));
        assertEquals(24, count("SELECT count(*) FROM databasechangelog"));
    }

    @Test
    public void aSecondStartAppliesNothing() throws Exception {
        db = pg.store();
        db.stop();
        db = pg.store();
        assertEquals(24, count("SELECT count(*) FROM databasechangelog"));
        assertTrue(db.problem().isEmpty());
    }

    @Test
    public void theQuickCheckKnowsACurrentSchemaExactlyAsLiquibaseRecordedIt() throws Exception {
        try (Connection c = pg.dataSource.getConnection()) {
            assertFalse("an empty database", Migrations.isCurrent(c, Migrations.MASTER));
        }
        db = pg.store();
        Set<String> recorded = new TreeSet<>();
        try (Connection c = pg.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT filename, id, author FROM databasechangelog")) {
            while (rs.next()) {
                recorded.add(rs.getString(1) + "::" + rs.getString(2) + "::" + rs.getString(3));
            }
        }
        assertEquals(recorded, new TreeSet<>(Migrations.changeSets(Migrations.MASTER)));
        try (Connection c = pg.dataSource.getConnection()) {
            assertTrue(Migrations.isCurrent(c, Migrations.MASTER));
            assertTrue(Migrations.isCurrent(c, "db/changelog/schema3-only.yaml"));
        }
        // one change set missing: Liquibase decides (and would apply it)
        pg.execute("DELETE FROM databasechangelog WHERE id = '0007-invocation-ref'");
        try (Connection c = pg.dataSource.getConnection()) {
            assertFalse(Migrations.isCurrent(c, Migrations.MASTER));
        }
        assertTrue(Migrations.changeSets("db/changelog/no-such-file.yaml").isEmpty());
    }

    @Test
    public void aSchema3DatabaseIsNotCurrent() throws Exception {
        try (Connection c = pg.dataSource.getConnection()) {
            Migrations.migrate(c, "db/changelog/schema3-only.yaml");
        }
        try (Connection c = pg.dataSource.getConnection()) {
            assertTrue(Migrations.isCurrent(c, "db/changelog/schema3-only.yaml"));
            assertFalse(Migrations.isCurrent(c, Migrations.MASTER));
        }
        db = pg.store();
        assertEquals(24, count("SELECT count(*) FROM databasechangelog"));
    }

    @Test
    public void twoContainersStartingTogetherMigrateOnce() throws Exception {
        StoreDatabase other = new StoreDatabase(pg.dataSource, "test-store-db-2");
        db = new StoreDatabase(pg.dataSource, "test-store-db-1");
        try {
            other.start();
            db.start();
            TestDatabase.awaitReady(db);
            TestDatabase.awaitReady(other);
            assertEquals(24, count("SELECT count(*) FROM databasechangelog"));
            assertEquals(7, other.schemaVersion());
        } finally {
            other.stop();
        }
    }

    @Test
    public void startsWhileTheDatabaseIsDownAndRecoversByItself() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestDatabase.HOST, TestDatabase.PORT)) {
            proxy.cut();
            db = new StoreDatabase(proxied(proxy), "test-store-db");
            db.start();
            Thread.sleep(300);
            assertTrue(db.problem().isPresent());
            assertEquals(0, db.schemaVersion());
            try {
                db.connection();
                fail("connection while down");
            } catch (StoreUnavailableException expected) {
                // expected
            }
            proxy.restore();
            TestDatabase.awaitReady(db);
            assertEquals(7, db.schemaVersion());

            proxy.cut();
            assertTrue("a live check notices the cut", db.problem().isPresent());
            try {
                new JdbcScriptStore(db).list();
                fail("store while down");
            } catch (StoreUnavailableException expected) {
                // expected
            }
            proxy.restore();
            TestDatabase.awaitReady(db);
            assertTrue(new JdbcScriptStore(db).list().isEmpty());
        }
    }

    @Test
    public void aContainerOlderThanTheDatabasesSchemaStaysUnreadyAndSaysWhy() throws Exception {
        db = pg.store();
        db.stop();
        pg.execute("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype) "
                + "VALUES ('0099-from-the-future', 'picloud', 'db/changelog/0099_future.yaml', now(), 99, 'EXECUTED')");
        db = new StoreDatabase(pg.dataSource, "test-store-db");
        db.start();
        for (int i = 0; i < 50 && (db.problem().isEmpty() || !db.problem().get().contains("newer")); i++) {
            Thread.sleep(100);
        }
        assertFalse(db.ready());
        String problem = db.problem().orElse("");
        assertTrue(problem, problem.contains("schema is version 99, newer than this PiCloud's (7"));
        assertEquals(0, db.schemaVersion());
    }

    @Test
    public void aStaleMigrationLockIsReleasedAFreshOneIsNot() throws Exception {
        db = pg.store();
        db.stop();
        pg.execute("UPDATE databasechangeloglock SET locked = TRUE, lockedby = 'crashed-node', "
                + "lockgranted = now() - interval '1 hour'");
        db = pg.store();
        assertEquals(0, count("SELECT count(*) FROM databasechangeloglock WHERE locked"));
        db.stop();

        pg.execute("UPDATE databasechangeloglock SET locked = TRUE, lockedby = 'busy-node', lockgranted = now()");
        try (Connection c = pg.dataSource.getConnection()) {
            Migrations.releaseStaleLock(c);
        }
        assertEquals(1, count("SELECT count(*) FROM databasechangeloglock WHERE locked"));
        pg.execute("UPDATE databasechangeloglock SET locked = FALSE");
        db = null;
    }

    static PGSimpleDataSource proxiedFor(TestDatabase pg, TcpProxy proxy) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {proxy.port()});
        ds.setDatabaseName(pg.name);
        ds.setUser(TestDatabase.USER);
        ds.setConnectTimeout(2);
        ds.setSocketTimeout(10);
        return ds;
    }

    private PGSimpleDataSource proxied(TcpProxy proxy) {
        return proxiedFor(pg, proxy);
    }

    private long count(String sql) throws Exception {
        try (Connection c = pg.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
