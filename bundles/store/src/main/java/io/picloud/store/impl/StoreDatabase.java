package io.picloud.store.impl;

import io.picloud.store.sql.DatabaseWatch;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

import javax.sql.DataSource;

import io.picloud.api.DatabaseStatus;
import io.picloud.api.PlatformInfo;
import io.picloud.api.StoreHealth;
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
@Component(service = {StoreDatabase.class, PlatformInfo.class, StoreHealth.class})
public class StoreDatabase implements PlatformInfo, StoreHealth {
    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);
    private static final String PRODUCT_VERSION = readProductVersion();

    private final DataSource dataSource;
    private final DatabaseWatch watch;
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
        this.watch = new DatabaseWatch(dataSource, threadName, LOG, this::migrate);
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
        watch.start();
    }

    @Deactivate
    public void stop() {
        watch.stop();
    }

    /** A connection for one unit of work; the caller closes it. */
    Connection connection() {
        return watch.connection();
    }

    /** See {@link DatabaseWatch#failed}. */
    RuntimeException failed(SQLException e, String what) {
        return watch.failed(e, what);
    }

    /** True when the schema is current and the last contact with the database worked. */
    public boolean ready() {
        return watch.ready();
    }

    /** Checks the database now when it was fine; reports the known problem otherwise (recovery runs by itself). */
    @Override
    public Optional<String> problem() {
        return watch.problem(databaseStatus);
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

    private void migrate() throws Exception {
        refuseNewerSchema();
        long start = System.nanoTime();
        int applied = Migrations.migrate(dataSource.getConnection());
        appliedSchema = Migrations.schemaVersion();
        if (applied > 0) {
            LOG.info("Database schema migrated to version {} ({} changes in {} ms)", appliedSchema, applied,
                    (System.nanoTime() - start) / 1_000_000);
        } else {
            LOG.info("Database schema is at version {} (checked in {} ms)", appliedSchema,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * A container older than the schema must not write to it (a cluster half way through an upgrade, an old copy
     * started by mistake): it stays unready, says why in its health, and checks again with back-off.
     */
    private void refuseNewerSchema() throws SQLException {
        int inDatabase;
        try (Connection c = dataSource.getConnection()) {
            inDatabase = Migrations.databaseSchemaVersion(c);
        }
        if (inDatabase > Migrations.schemaVersion()) {
            throw new IllegalStateException("the database's schema is version " + inDatabase + ", newer than this "
                    + "PiCloud's (" + Migrations.schemaVersion() + ", product " + PRODUCT_VERSION + "): upgrade this "
                    + "container to the product version the others run");
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
