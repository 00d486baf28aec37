package io.picloud.database.impl;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers "does the database answer?" with a direct connection that bypasses the pool (so it never waits for
 * the pool's timeout), at most once per {@link #MAX_AGE_NANOS}; logs only when the answer changes.
 */
final class DatabaseProbe {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProbe.class);
    static final long MAX_AGE_NANOS = 1_000_000_000L;
    private static final int TIMEOUT_SECONDS = 2;

    private final PGSimpleDataSource direct;
    private final String where;
    private final String startFailure;
    private final Object lock = new Object();
    private long checkedAt;
    private boolean checked;
    private boolean available;
    private String problem = "not checked yet";

    DatabaseProbe(PGSimpleDataSource target, String where, String startFailure) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(target.getURL());
        ds.setUser(target.getUser());
        ds.setPassword(target.getPassword());
        ds.setApplicationName("picloud-probe");
        ds.setConnectTimeout(TIMEOUT_SECONDS);
        ds.setLoginTimeout(TIMEOUT_SECONDS);
        ds.setSocketTimeout(TIMEOUT_SECONDS);
        this.direct = ds;
        this.where = where;
        this.startFailure = startFailure;
    }

    String where() {
        return where;
    }

    boolean available() {
        synchronized (lock) {
            long now = System.nanoTime();
            if (!checked || now - checkedAt > MAX_AGE_NANOS) {
                boolean was = available;
                check();
                checkedAt = System.nanoTime();
                if (checked && was != available) {
                    if (available) {
                        LOG.info("Database is available again: {}", where);
                    } else {
                        LOG.warn("Database is unavailable: {}: {}", where, problem);
                    }
                }
                checked = true;
            }
            return available;
        }
    }

    String detail() {
        boolean ok = available();
        synchronized (lock) {
            return ok ? where : where + ": " + problem;
        }
    }

    private void check() {
        try (Connection c = direct.getConnection()) {
            if (c.isValid(TIMEOUT_SECONDS)) {
                available = true;
                problem = null;
            } else {
                available = false;
                problem = "connection did not validate";
            }
        } catch (SQLException e) {
            available = false;
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            problem = startFailure != null ? startFailure + "; " + message : message;
        }
    }
}
