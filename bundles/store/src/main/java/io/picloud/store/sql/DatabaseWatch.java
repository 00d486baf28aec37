package io.picloud.store.sql;

import io.picloud.api.DatabaseStatus;
import io.picloud.api.StoreUnavailableException;
import org.slf4j.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether PiCloud's database can be used, for a component that must never block its activation on it: a first
 * contact (migrate, bootstrap ...) runs on a background thread and is retried with back-off until it succeeds;
 * afterwards a failed unit of work marks the database down and the same thread probes it until it answers again.
 */
public final class DatabaseWatch {
    /** Thrown by the first contact to look again soon, without a warning and without back-off. */
    public static class NotYet extends Exception {
        private static final long serialVersionUID = 1L;

        public NotYet(String message) {
            super(message, null, false, false);
        }
    }

    /** The work that must succeed once before the database counts as usable. */
    @FunctionalInterface
    public interface FirstContact {
        void run() throws Exception;
    }

    private static final long FIRST_RETRY_MS = 500;
    private static final long MAX_RETRY_MS = 15_000;
    private static final long NOT_YET_POLL_MS = 50; // only until the first contact (the manager waits for the schema)

    private final DataSource dataSource;
    private final FirstContact firstContact;
    private final Logger log;
    private final ScheduledExecutorService worker;

    private boolean contacted;                 // guarded by this
    private boolean recoveryScheduled;         // guarded by this
    private long retryMs = FIRST_RETRY_MS;     // guarded by this
    private volatile String problem = "database not reached yet";

    /** {@code log}: the owner's logger, so that its messages keep their origin. */
    public DatabaseWatch(DataSource dataSource, String threadName, Logger log, FirstContact firstContact) {
        this.dataSource = dataSource;
        this.firstContact = firstContact;
        this.log = log;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        synchronized (this) {
            recoveryScheduled = true;
        }
        worker.execute(this::recover);
    }

    public void stop() {
        worker.shutdownNow();
    }

    /** A connection for one unit of work; the caller closes it. */
    public Connection connection() {
        String p = problem;
        if (p != null) {
            throw new StoreUnavailableException("database unavailable: " + p, null);
        }
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw failed(e, "getting a connection");
        }
    }

    /**
     * Turns a failure of a unit of work into the exception to throw: {@link StoreUnavailableException} (and a
     * recovery probe) when the database is unreachable, else an {@link IllegalStateException}.
     */
    public RuntimeException failed(SQLException e, String what) {
        if (Sql.isUnavailable(e)) {
            markDown(Sql.describe(e));
            return new StoreUnavailableException("database unavailable while " + what, e);
        }
        return new IllegalStateException("database error while " + what + ": " + Sql.describe(e), e);
    }

    /** True when the first contact succeeded and the last contact with the database worked. */
    public boolean ready() {
        return problem == null;
    }

    /**
     * Checks the database now when it was fine (through {@code status}, the database bundle's cached probe, when
     * there is one); reports the known problem otherwise (recovery runs by itself).
     */
    public Optional<String> problem(DatabaseStatus status) {
        if (problem == null && status != null) {
            if (!status.available()) {
                markDown(status.detail());
            }
        } else if (problem == null) {
            try (Connection c = dataSource.getConnection()) {
                if (!c.isValid(5)) {
                    markDown("connection check failed");
                }
            } catch (SQLException e) {
                markDown(Sql.describe(e));
            }
        }
        return Optional.ofNullable(problem);
    }

    public void markDown(String reason) {
        synchronized (this) {
            if (problem == null) {
                log.warn("Database unavailable: {}; retrying in the background", reason);
            }
            problem = reason;
            if (!recoveryScheduled && !worker.isShutdown()) {
                recoveryScheduled = true;
                retryMs = FIRST_RETRY_MS;
                worker.schedule(this::recover, retryMs, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Runs on the worker thread: first contact (until it worked) or probe; reschedules itself on failure. */
    private void recover() {
        boolean first;
        synchronized (this) {
            first = !contacted;
        }
        try {
            if (first) {
                firstContact.run();
            } else {
                try (Connection c = dataSource.getConnection()) {
                    if (!c.isValid(5)) {
                        throw new SQLException("connection check failed", "08000");
                    }
                }
            }
            synchronized (this) {
                contacted = true;
                recoveryScheduled = false;
                retryMs = FIRST_RETRY_MS;
                if (problem != null && !first) {
                    log.info("Database reachable again");
                }
                problem = null;
            }
        } catch (NotYet e) {
            synchronized (this) {
                problem = e.getMessage();
                if (!worker.isShutdown()) {
                    worker.schedule(this::recover, NOT_YET_POLL_MS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (Exception e) {
            String reason = Sql.describe(e);
            synchronized (this) {
                if (!reason.equals(problem)) {
                    log.warn("Database not ready: {}; next try in {} ms", reason, retryMs);
                }
                problem = reason;
                if (!worker.isShutdown()) {
                    worker.schedule(this::recover, retryMs, TimeUnit.MILLISECONDS);
                    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
                }
            }
        }
    }
}
