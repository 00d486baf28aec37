package io.picloud.database.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Runs the real embedded PostgreSQL from this bundle's binaries in a temporary data directory. */
public class PicloudDataSourceTest {

    private static Path dataDir;

    @BeforeClass
    public static void createDir() throws IOException {
        dataDir = Files.createTempDirectory("picloud-db-test");
    }

    @AfterClass
    public static void deleteDir() throws IOException {
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static DatabaseSettings embeddedSettings(int port) {
        return new DatabaseSettings(null, "postgres", "", dataDir, port, 4, 3000, null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String queryOne(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    public void embeddedDatabaseServesQueriesAndKeepsDataAcrossRestarts() throws Exception {
        PicloudDataSource first = new PicloudDataSource(embeddedSettings(0));
        try {
            assertTrue("started", first.awaitStarted(Duration.ofMinutes(2)));
            assertTrue(first.detail(), first.available());
            assertTrue(first.detail().startsWith("embedded PostgreSQL jdbc:postgresql://127.0.0.1:"));
            try (Connection c = first.getConnection(); Statement s = c.createStatement()) {
                assertEquals("picloud", queryOne(c, "SELECT current_database()"));
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('survives')");
            }
        } finally {
            first.deactivate();
        }
        assertFalse(Files.exists(dataDir.resolve("postgres/postmaster.pid")));

        PicloudDataSource second = new PicloudDataSource(embeddedSettings(0));
        assertTrue("started", second.awaitStarted(Duration.ofMinutes(2)));
        try (Connection c = second.getConnection()) {
            assertEquals("survives", queryOne(c, "SELECT v FROM kept"));
        } finally {
            second.deactivate();
        }
    }

    @Test
    public void poolIsCreatedWhileTheDatabaseIsDownAndRecoversWhenItComesUp() throws Exception {
        int port = freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE;
        // a first start makes the data directory and its password; the "external" database below is that server
        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), dataDir.resolve("postgres-bin"), port)) {
            password = db.password();
        }
        PicloudDataSource ds = new PicloudDataSource(new DatabaseSettings(url, "postgres", password, dataDir, 0, 4, 1000, null));
        try {
            assertFalse(ds.available());
            assertTrue(ds.detail(), ds.detail().startsWith(url + ": "));
            try (Connection c = ds.getConnection()) {
                fail("got a connection to a database that is down");
            } catch (SQLException expected) {
                // the pool waited its timeout and gave up
            }
            try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), dataDir.resolve("postgres-bin"), port)) {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!ds.available() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(ds.detail(), ds.available());
                // the pool retries in the background with a back-off of up to 5 s: poll, bounded by a deadline
                SQLException last = null;
                while (System.nanoTime() < deadline) {
                    try (Connection c = ds.getConnection()) {
                        assertEquals("1", queryOne(c, "SELECT 1"));
                        return;
                    } catch (SQLException e) {
                        last = e;
                    }
                }
                throw new AssertionError("the pool did not recover", last);
            }
        } finally {
            ds.deactivate();
        }
    }
}
