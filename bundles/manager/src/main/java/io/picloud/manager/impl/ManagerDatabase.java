package io.picloud.manager.impl;

import io.picloud.store.sql.Sql;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.picloud.api.DatabaseStatus;
import io.picloud.api.ManagerHealth;
import io.picloud.api.PlatformInfo;
import io.picloud.api.StoreUnavailableException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's access to PostgreSQL: waits until the store bundle has brought the schema up to date (its
 * {@link PlatformInfo} then reports the schema version), bootstraps the first owner, hands out connections to the
 * API key service and tracks whether the database is reachable (retrying with back-off in the background while
 * it is down). Never blocks activation on the database.
 */
@Component(service = {ManagerDatabase.class, ManagerHealth.class}, configurationPid = ManagerConfig.PID)
@Designate(ocd = ManagerConfig.class)
public class ManagerDatabase implements ManagerHealth {
    static final String BOOTSTRAP_ENV = "PICLOUD_BOOTSTRAP_TOKEN";
    static final String DATA_DIR_ENV = "PICLOUD_DATA_DIR";
    private static final Logger LOG = LoggerFactory.getLogger(ManagerDatabase.class);
    private static final long FIRST_RETRY_MS = 500;
    private static final long MAX_RETRY_MS = 15_000;
    private static final long SCHEMA_POLL_MS = 200;

    private final DataSource dataSource;
    private final PlatformInfo schema;
    private volatile String bootstrapToken;
    private final Path dataDir;
    private final ScheduledExecutorService worker;

    private boolean bootstrapped;              // guarded by this
    private boolean recoveryScheduled;         // guarded by this
    private long retryMs = FIRST_RETRY_MS;     // guarded by this
    private volatile String problem = "database not reached yet";
    private volatile DatabaseStatus databaseStatus;

    @Activate
    public ManagerDatabase(@Reference(target = "(dataSourceName=picloud)") DataSource dataSource,
                           @Reference PlatformInfo schema, ManagerConfig config) {
        this(dataSource, schema, firstNonBlank(System.getenv(BOOTSTRAP_ENV), config._bootstrapToken()),
                defaultDataDir());
        start();
    }

    /** For tests: call {@link #start()} afterwards. */
    ManagerDatabase(DataSource dataSource, PlatformInfo schema, String bootstrapToken, Path dataDir) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.bootstrapToken = bootstrapToken;
        this.dataDir = dataDir;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "picloud-manager-db");
            t.setDaemon(true);
            return t;
        });
    }

    /** The database bundle's cached probe, when present: health checks then never wait for the pool. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(dataSourceName=picloud)")
    void setDatabaseStatus(DatabaseStatus status) {
        this.databaseStatus = status;
    }

    void unsetDatabaseStatus(DatabaseStatus status) {
        if (this.databaseStatus == status) {
            this.databaseStatus = null;
        }
    }

    void start() {
        synchronized (this) {
            recoveryScheduled = true;
        }
        worker.execute(this::recover);
    }

    /** Only the bootstrap token is read from the configuration, and only at the first start: no restart needed. */
    @Modified
    void modified(ManagerConfig config) {
        bootstrapToken = firstNonBlank(System.getenv(BOOTSTRAP_ENV), config._bootstrapToken());
    }

    @Deactivate
    public void stop() {
        worker.shutdownNow();
    }

    /** A connection for one unit of work; the caller closes it. */
    Connection connection() {
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
    RuntimeException failed(SQLException e, String what) {
        if (Sql.isUnavailable(e)) {
            markDown(Sql.describe(e));
            return new StoreUnavailableException("database unavailable while " + what, e);
        }
        return new IllegalStateException("database error while " + what + ": " + Sql.describe(e), e);
    }

    /** True when the schema is current, the owner bootstrapped and the last contact with the database worked. */
    boolean ready() {
        return problem == null;
    }

    /** Checks the database now when it was fine; reports the known problem otherwise (recovery runs by itself). */
    @Override
    public Optional<String> problem() {
        DatabaseStatus status = databaseStatus;
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

    private void markDown(String reason) {
        synchronized (this) {
            if (problem == null) {
                LOG.warn("Database unavailable: {}; retrying in the background", reason);
            }
            problem = reason;
            if (!recoveryScheduled && !worker.isShutdown()) {
                recoveryScheduled = true;
                retryMs = FIRST_RETRY_MS;
                worker.schedule(this::recover, retryMs, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Runs on the worker thread: bootstrap (first time) or probe, and reschedule itself with back-off on failure. */
    private void recover() {
        boolean needBootstrap;
        synchronized (this) {
            needBootstrap = !bootstrapped;
        }
        try {
            if (needBootstrap) {
                bootstrap();
            } else {
                try (Connection c = dataSource.getConnection()) {
                    if (!c.isValid(5)) {
                        throw new SQLException("connection check failed", "08000");
                    }
                }
            }
            synchronized (this) {
                bootstrapped = true;
                recoveryScheduled = false;
                retryMs = FIRST_RETRY_MS;
                if (problem != null && !needBootstrap) {
                    LOG.info("Database reachable again");
                }
                problem = null;
            }
        } catch (SchemaPending e) {
            // the store migrates right now (seconds): look again soon, without a warning or back-off
            synchronized (this) {
                problem = e.getMessage();
                if (!worker.isShutdown()) {
                    worker.schedule(this::recover, SCHEMA_POLL_MS, TimeUnit.MILLISECONDS);
                }
            }
        } catch (Exception e) {
            String reason = Sql.describe(e);
            synchronized (this) {
                if (!reason.equals(problem)) {
                    LOG.warn("Database not ready: {}; next try in {} ms", reason, retryMs);
                }
                problem = reason;
                if (!worker.isShutdown()) {
                    worker.schedule(this::recover, retryMs, TimeUnit.MILLISECONDS);
                    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
                }
            }
        }
    }

    /** The owner needs the users table: only once the store reports the schema current. */
    private void bootstrap() throws Exception {
        if (schema.schemaVersion() <= 0) {
            throw new SchemaPending();
        }
        try (Connection c = dataSource.getConnection()) {
            Bootstrap.run(c, bootstrapToken, dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the bootstrap token: " + e.getMessage(), e);
        }
    }

    /** The store has not reported a current schema yet. */
    private static final class SchemaPending extends Exception {
        private static final long serialVersionUID = 1L;

        SchemaPending() {
            super("database schema not migrated yet", null, false, false);
        }
    }

    private static Path defaultDataDir() {
        String dir = firstNonBlank(System.getenv(DATA_DIR_ENV), System.getProperty("karaf.data"));
        return dir.isEmpty() ? null : Path.of(dir);
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b == null ? "" : b;
    }
}
