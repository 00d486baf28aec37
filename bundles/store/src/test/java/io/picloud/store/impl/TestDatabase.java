package io.picloud.store.impl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway database {@code picloud_ut_<epoch seconds>_<random>} on the real PostgreSQL at 127.0.0.1:5432 (user
 * postgres), created through the {@code postgres} database and dropped by {@link #close()}. Databases of test runs
 * that were killed before closing theirs are dropped by the next run once they are {@link #STALE} old. Public, in
 * the store's test-jar, for the manager's tests too.
 */
public class TestDatabase implements AutoCloseable {
    public static final String HOST = System.getProperty("picloud.test.pg.host", "127.0.0.1");
    public static final int PORT = Integer.getInteger("picloud.test.pg.port", 5432);
    public static final String USER = System.getProperty("picloud.test.pg.user", "postgres");
    static final String PREFIX = "picloud_ut_";
    static final Duration STALE = Duration.ofHours(6);

    public final String name = PREFIX + Instant.now().getEpochSecond() + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
    public final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    public TestDatabase() throws SQLException {
        dropStale();
        admin("CREATE DATABASE " + name);
        dataSource.setServerNames(new String[] {HOST});
        dataSource.setPortNumbers(new int[] {PORT});
        dataSource.setDatabaseName(name);
        dataSource.setUser(USER);
    }

    /** A started {@link StoreDatabase} on this database, waited for until its schema is ready. */
    public StoreDatabase store() throws InterruptedException {
        StoreDatabase db = new StoreDatabase(dataSource, "test-store-db");
        db.start();
        awaitReady(db);
        return db;
    }

    public static void awaitReady(StoreDatabase db) throws InterruptedException {
        for (int i = 0; i < 600 && !db.ready(); i++) {
            Thread.sleep(100);
        }
        if (!db.ready()) {
            throw new AssertionError("database not ready: " + db.problem().orElse("?"));
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row of a query, as a long (a count). */
    public long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Drops this kind of database left by runs that were killed at least {@link #STALE} ago. */
    private static void dropStale() throws SQLException {
        long before = Instant.now().minus(STALE).getEpochSecond();
        List<String> stale = new ArrayList<>();
        try (Connection c = admin(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'picloud\\_ut\\_%'")) {
            while (rs.next()) {
                String[] parts = rs.getString(1).substring(PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d{1,12}") && Long.parseLong(parts[0]) < before) {
                    stale.add(rs.getString(1));
                }
            }
        }
        for (String db : stale) {
            admin("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "");
    }
}
