package io.picloud.manager.impl;

import io.picloud.store.impl.TcpProxy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.picloud.api.Role;
import io.picloud.api.StoreUnavailableException;
import io.picloud.store.impl.StoreDatabase;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Owner bootstrap (after the store's migrations) and outage handling against the real PostgreSQL. */
public class ManagerDatabaseTest {
    private TestDatabase pg;
    private ManagerDatabase db;

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
    public void bootstrapsTheOwnerOnceTheStoreHasMigrated() throws Exception {
        db = pg.manager("a-configured-bootstrap-token", null);
        assertTrue(db.problem().isEmpty());
        assertEquals(1, count("SELECT count(*) FROM users WHERE role = 'owner'"));
    }

    @Test
    public void aSecondStartAppliesNothingAndKeepsTheOwner() throws Exception {
        db = pg.manager("a-configured-bootstrap-token", null);
        db.stop();
        db = pg.manager("another-token-that-is-ignored", null);
        assertEquals(1, count("SELECT count(*) FROM users"));
        JdbcApiKeyService keys = new JdbcApiKeyService(db);
        assertTrue(keys.authenticate("a-configured-bootstrap-token").isPresent());
        assertTrue(keys.authenticate("another-token-that-is-ignored").isEmpty());
    }

    @Test
    public void firstStartWithoutTokenWritesARandomKeyToA0600File() throws Exception {
        Path dir = TestDatabase.tempDir();
        db = pg.manager("", dir);
        Path file = dir.resolve(Bootstrap.TOKEN_FILE);
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String key = Files.readString(file).strip();
        assertTrue(key, key.startsWith("pc_") && key.length() > 40);
        var principal = new JdbcApiKeyService(db).authenticate(key).orElseThrow();
        assertEquals(Role.OWNER, principal.role());
        assertEquals("owner", principal.userName());
        // the stored hash is not the key
        assertEquals(0, count("SELECT count(*) FROM api_keys WHERE key_hash = '" + key + "' OR prefix = '" + key + "'"));

        db.stop();
        Files.delete(file);
        db = pg.manager("", dir);
        assertFalse("no second bootstrap", Files.exists(file));
    }

    @Test
    public void startsWhileTheDatabaseIsDownAndRecoversByItself() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestDatabase.HOST, TestDatabase.PORT)) {
            proxy.cut();
            StoreDatabase store = new StoreDatabase(proxied(proxy), "test-store-db-outage");
            store.start();
            try {
                db = new ManagerDatabase(proxied(proxy), store, "token-for-the-outage-test", null);
                db.start();
                Thread.sleep(300);
                assertTrue(db.problem().isPresent());
                try {
                    db.connection();
                    fail("connection while down");
                } catch (StoreUnavailableException expected) {
                    // expected
                }
                proxy.restore();
                TestDatabase.awaitReady(db);
                assertTrue(new JdbcApiKeyService(db).authenticate("token-for-the-outage-test").isPresent());

                proxy.cut();
                assertTrue("a live check notices the cut", db.problem().isPresent());
                proxy.restore();
                TestDatabase.awaitReady(db);
            } finally {
                store.stop();
            }
        }
    }

    @Test
    public void warnsButStartsWithTwoOwners() throws Exception {
        db = pg.manager("a-configured-bootstrap-token", null);
        pg.execute("INSERT INTO users (name, role) VALUES ('second', 'owner')");
        db.stop();
        db = pg.manager("", null);
        assertEquals(2, count("SELECT count(*) FROM users WHERE role = 'owner'"));
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
