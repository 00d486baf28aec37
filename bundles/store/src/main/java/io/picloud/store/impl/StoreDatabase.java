package io.picloud.store.impl;

import io.picloud.store.sql.Sql;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.picloud.api.DatabaseStatus;
import io.picloud.api.PlatformInfo;
import io.picloud.api.StoreUnavailableException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores' access to PostgreSQL, in every container (manager and nodes): applies the schema migrations at
 * start (retrying with back-off in the background while the database is down; cluster-safe through Liquibase's
 * lock), hands out connections to the stores and tracks whether the database is reachable. Never blocks
 * activation on the database. Its {@link PlatformInfo} reports a schema version only once the schema is current,
 * which is what the manager waits for before it bootstraps the first owner.
 */
@Component(service = {StoreDatabase.class, PlatformInfo.class})
public class StoreDatabase implements PlatformInfo {
    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);
    private static final long FIRST_RETRY_MS = 500;
    private static final long MAX_RETRY_MS = 15_000;
    private static final String PRODUCT_VERSION = readProductVersion();

    private final DataSource dataSource;
    private final ScheduledExecutorService worker;

    private boolean migrated;                  // guarded by this
    private boolean recoveryScheduled;         // guarded by this
    private long retryMs = FIRST_RETRY_MS;     // guarded by this
    private volatile String problem = "database not reached yet";
    private volatile int appliedSchema;
    private volatile DatabaseStatus databaseStatus;

    @Activate
    public StoreDatabase(@Reference(target = "(dataSourceName=picloud)") DataSource dataSource) {
        this(dataSource, "picloud-store-db");
        start();
    }

    /** For tests (several "nodes" in one JVM get their own thread names): call {@link #start()} afterwards. */
    public StoreDatabase(DataSource dataSource, String threadName) {
        this.dataSource = dataSource;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
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

    public void start() {
        synchronized (this) {
            recoveryScheduled = true;
        }
        worker.execute(this::recover);
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

    /** True when the schema is current and the last contact with the database worked. */
    public boolean ready() {
        return problem == null;
    }

    /** Checks the database now when it was fine; reports the known problem otherwise (recovery runs by itself). */
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

    @Override
    public String productVersion() {
        return PRODUCT_VERSION;
    }

    @Override
    public String apiVersion() {
        return "v1";
    }

    @Override
    public int schemaVersion() {
        return appliedSchema;
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

    /** Runs on the worker thread: migrate (first time) or probe, and reschedule itself with back-off on failure. */
    private void recover() {
        boolean needMigration;
        synchronized (this) {
            needMigration = !migrated;
        }
        try {
            if (needMigration) {
                migrate();
            } else {
                try (Connection c = dataSource.getConnection()) {
                    if (!c.isValid(5)) {
                        throw new SQLException("connection check failed", "08000");
                    }
                }
            }
            synchronized (this) {
                migrated = true;
                recoveryScheduled = false;
                retryMs = FIRST_RETRY_MS;
                if (problem != null && !needMigration) {
                    LOG.info("Database reachable again");
                }
                problem = null;
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

    private void migrate() throws Exception {
        long start = System.nanoTime();
        int applied = Migrations.migrate(dataSource.getConnection());
        appliedSchema = Migrations.schemaVersion();
        if (applied > 0) {
            LOG.info("Database schema migrated to version {} ({} changes in {} ms)", appliedSchema, applied,
                    (System.nanoTime() - start) / 1_000_000);
        } else {
            LOG.info("Database schema is at version {}", appliedSchema);
        }
    }

    private static String readProductVersion() {
        Properties p = new Properties();
        try (InputStream in = StoreDatabase.class.getResourceAsStream("product.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the product version: {}", e.getMessage());
        }
        return p.getProperty("product.version", "0.0.0");
    }
}
