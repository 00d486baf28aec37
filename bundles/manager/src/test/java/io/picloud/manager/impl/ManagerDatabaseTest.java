package io.picloud.manager.impl;

import io.picloud.store.impl.TcpProxy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.picloud.access.impl.CachedKeyAuthenticator;
import io.picloud.api.Role;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.UserStore;
import io.picloud.api.control.Principal;
import io.picloud.store.impl.JdbcApiKeyStore;
import io.picloud.store.impl.JdbcUserStore;
import io.picloud.store.impl.StoreDatabase;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The first owner's bootstrap (after the store's migrations) and outage handling against the real PostgreSQL. */
public class ManagerDatabaseTest {
    private static final String TOKEN = "a-configured-bootstrap-token-of-32+chars";
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
    public void bootstrapsTheOwnerWithTheConfiguredTokenOnce() throws Exception {
        db = pg.manager(TOKEN, null);
        assertTrue(db.problem().isEmpty());
        assertEquals(1, pg.count("SELECT count(*) FROM users WHERE role = 'owner' AND name = 'owner' "
                + "AND password_hash IS NULL"));
        Principal p = authenticate(TOKEN);
        assertEquals(Role.OWNER, p.role());
        assertEquals("owner", p.username());

        db.stop();
        db = pg.manager("another-token-that-is-ignored-0123456789", null);
        assertEquals(1, pg.count("SELECT count(*) FROM users"));
        assertEquals(1, pg.count("SELECT count(*) FROM api_keys"));
        assertFalse(authenticator().authenticate("another-token-that-is-ignored-0123456789", null).isPresent());
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
        assertEquals(Role.OWNER, authenticate(key).role());
        // the stored hash is not the key
        assertEquals(0, pg.count("SELECT count(*) FROM api_keys WHERE key_hash = '" + key + "' OR prefix = '"
                + key + "'"));

        db.stop();
        Files.delete(file);
        db = pg.manager("", dir);
        assertFalse("no second bootstrap", Files.exists(file));
    }

    @Test
    public void aConfiguredTokenUnder32CharactersIsRefusedAndNoOwnerCreated() throws Exception {
        String err = stderrOf(() -> {
            try {
                db = pg.manager("short-token-of-31-characters-xx", null);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(31, "short-token-of-31-characters-xx".length());
        assertEquals(0, pg.count("SELECT count(*) FROM users"));
        assertTrue(err, err.contains("fewer than 32 characters and is refused"));
        db.stop();
        db = pg.manager(TOKEN, null);
        assertEquals("a valid token at the next start works", 1, pg.count("SELECT count(*) FROM users"));
    }

    @Test
    public void warnsOnceNamingTheOwnersWhenThereAreSeveral() throws Exception {
        db = pg.manager(TOKEN, null);
        db.stop();
        assertFalse(stderrOf(() -> Bootstrap.warnAboutOwners(new JdbcUserStore(store()))).contains("active owners"));
        pg.execute("INSERT INTO users (name, role) VALUES ('second', 'owner'), ('gone', 'owner')");
        pg.execute("UPDATE users SET active = FALSE WHERE name = 'gone'");
        String err = stderrOf(() -> {
            try {
                db = pg.manager("", null);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue("started", db.problem().isEmpty());
        String warning = err.lines().filter(l -> l.contains("active owners")).reduce((a, b) -> a + "\n" + b)
                .orElse("");
        assertTrue(err, warning.contains("WARN") && warning.contains("2 active owners exist (owner, second)")
                && warning.contains("PATCH /api/v1/admin/admins/{id}"));
        assertEquals("one line", 1, warning.lines().count());
        // a short configured token on a database that has its owners still gets the warning
        db.stop();
        String again = stderrOf(() -> {
            try {
                Bootstrap.run(new JdbcUserStore(store()), "too-short", null);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(again, again.contains("2 active owners exist"));
    }

    @Test
    public void aDatabaseErrorWhileCountingOwnersOnlyLogs() {
        UserStore broken = (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(),
                new Class<?>[] {UserStore.class}, (p, m, a) -> {
                    throw new StoreUnavailableException("down", null);
                });
        String err = stderrOf(() -> Bootstrap.warnAboutOwners(broken));
        assertTrue(err, err.contains("Could not check the number of owners"));
    }

    @Test
    public void startsWhileTheDatabaseIsDownAndRecoversByItself() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestDatabase.HOST, TestDatabase.PORT)) {
            proxy.cut();
            StoreDatabase store = new StoreDatabase(proxiedFor(pg, proxy), "test-store-db-outage");
            store.start();
            try {
                db = new ManagerDatabase(proxiedFor(pg, proxy), store, new JdbcUserStore(store),
                        "token-for-the-outage-test-0123456789", null);
                db.start();
                Thread.sleep(300);
                assertTrue(db.problem().isPresent());
                proxy.restore();
                TestDatabase.awaitReady(db);
                assertEquals(1, pg.count("SELECT count(*) FROM users"));

                proxy.cut();
                assertTrue("a live check notices the cut", db.problem().isPresent());
                proxy.restore();
                TestDatabase.awaitReady(db);
            } finally {
                store.stop();
            }
        }
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

    private StoreDatabase store() {
        try {
            return pg.store();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private CachedKeyAuthenticator authenticator() {
        return new CachedKeyAuthenticator(new JdbcApiKeyStore(store()));
    }

    private Principal authenticate(String key) {
        return authenticator().authenticate(key, null).orElseThrow();
    }

    /** What {@code action} logs (slf4j-simple writes to the current System.err). */
    static String stderrOf(Runnable action) {
        PrintStream old = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
