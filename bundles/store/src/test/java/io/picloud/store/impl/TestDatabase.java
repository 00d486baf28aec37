package io.picloud.store.impl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway database {@code picloud_ut_<random>} on the real PostgreSQL at 127.0.0.1:5432 (user postgres),
 * created through the {@code postgres} database and dropped by {@link #close()}.
 */
final class TestDatabase implements AutoCloseable {
    static final String HOST = System.getProperty("picloud.test.pg.host", "127.0.0.1");
    static final int PORT = Integer.getInteger("picloud.test.pg.port", 5432);
    static final String USER = System.getProperty("picloud.test.pg.user", "postgres");

    final String name = "picloud_ut_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);
    final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    TestDatabase() throws SQLException {
        admin("CREATE DATABASE " + name);
        dataSource.setServerNames(new String[] {HOST});
        dataSource.setPortNumbers(new int[] {PORT});
        dataSource.setDatabaseName(name);
        dataSource.setUser(USER);
    }

    /** A started {@link StoreDatabase} on this database, waited for until its schema is ready. */
    StoreDatabase store() throws InterruptedException {
        StoreDatabase db = new StoreDatabase(dataSource, "test-store-db");
        db.start();
        awaitReady(db);
        return db;
    }

    static void awaitReady(StoreDatabase db) throws InterruptedException {
        for (int i = 0; i < 600 && !db.ready(); i++) {
            Thread.sleep(100);
        }
        if (!db.ready()) {
            throw new AssertionError("database not ready: " + db.problem().orElse("?"));
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
