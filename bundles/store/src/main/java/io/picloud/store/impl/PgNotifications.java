package io.picloud.store.impl;

import io.picloud.store.sql.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LISTEN} on one dedicated connection, in one thread that blocks in pgjdbc's
 * {@link PGConnection#getNotifications(int)} (no polling: it wakes once every {@link #CHECK_MS} to check that the
 * connection is alive). Each notification's sender backend PID and payload go to {@code onChange}. When the connection breaks it
 * reconnects with back-off and, once listening again, calls {@code onResync} because notifications sent meanwhile
 * are lost.
 */
final class PgNotifications {
    static final int CHECK_MS = 300_000;
    private static final Logger LOG = LoggerFactory.getLogger(PgNotifications.class);
    private static final long FIRST_RETRY_MS = 1_000;
    private static final long MAX_RETRY_MS = 30_000;

    private final DataSource dataSource;
    private final String channel;
    private final String what;
    private final BiConsumer<Integer, String> onChange;
    private final Runnable onResync;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Connection physical;
    private volatile boolean listening;

    /** {@code what} names the changes in thread names and logs ({@code "binding"}, {@code "script"}). */
    PgNotifications(DataSource dataSource, String channel, String what, BiConsumer<Integer, String> onChange,
                    Runnable onResync) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.what = what;
        this.onChange = onChange;
        this.onResync = onResync;
        this.thread = new Thread(this::run, "picloud-" + what.replace(' ', '-') + "-listener");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True while LISTEN is in place (for tests and diagnostics). */
    boolean listening() {
        return listening;
    }

    /** Waits at most {@code millis} for LISTEN to be in place; true when it is. */
    boolean awaitListening(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        synchronized (this) {
            for (long left = millis; !listening && left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                wait(left);
            }
            return listening;
        }
    }

    /**
     * Ends the thread: wakes it with an empty notification (ignored by every node) so that its connection goes
     * back to the pool cleanly; if the database cannot be reached, closes the driver connection under it.
     */
    void stop() {
        stopped = true;
        thread.interrupt();
        if (listening) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("NOTIFY " + channel);
            } catch (SQLException e) {
                LOG.debug("Could not wake the {} listener: {}", what, e.toString());
            }
        }
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection c = physical;
        if (thread.isAlive() && c != null) {
            try {
                c.close(); // breaks the blocking read
            } catch (SQLException ignored) {
                // closing anyway
            }
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        long retryMs = FIRST_RETRY_MS;
        boolean lost = false;
        String lastProblem = null;
        while (!stopped) {
            try (Connection c = dataSource.getConnection()) {
                PGConnection pg = c.unwrap(PGConnection.class);
                physical = physicalOf(c, pg);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                synchronized (this) {
                    listening = true;
                    notifyAll();
                }
                if (lost) {
                    LOG.info("Listening for {} changes again", what);
                    onResync.run();
                }
                lost = false;
                lastProblem = null;
                retryMs = FIRST_RETRY_MS;
                while (!stopped) {
                    PGNotification[] batch = pg.getNotifications(CHECK_MS);
                    if (batch == null || batch.length == 0) {
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT 1");
                        }
                        continue;
                    }
                    for (PGNotification n : batch) {
                        if (channel.equals(n.getName()) && n.getParameter() != null && !n.getParameter().isEmpty()) {
                            onChange.accept(n.getPID(), n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                physical = null;
                if (stopped) {
                    break;
                }
                lost = true;
                String problem = Sql.describe(e);
                if (!problem.equals(lastProblem)) {
                    LOG.warn("Not listening for {} changes of other nodes ({}); retrying", what, problem);
                    lastProblem = problem;
                }
                try {
                    Thread.sleep(retryMs);
                } catch (InterruptedException ie) {
                    break;
                }
                retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
            }
        }
        listening = false;
    }

    /** The driver's own connection behind a pool's proxy, so that {@link #stop()} can close its socket. */
    private static Connection physicalOf(Connection c, PGConnection pg) {
        return pg instanceof Connection ? (Connection) pg : c;
    }
}
