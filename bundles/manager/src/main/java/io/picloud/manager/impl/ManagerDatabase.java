package io.picloud.manager.impl;

import io.picloud.store.sql.DatabaseWatch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import javax.sql.DataSource;

import io.picloud.api.DatabaseStatus;
import io.picloud.api.ManagerHealth;
import io.picloud.api.PlatformInfo;
import io.picloud.api.StoreHealth;
import io.picloud.api.UserStore;
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

    private final DataSource dataSource;
    private final PlatformInfo schema;
    private final StoreHealth stores;
    private final UserStore users;
    private volatile String bootstrapToken;
    private final Path dataDir;
    private final DatabaseWatch watch;
    private volatile DatabaseStatus databaseStatus;

    @Activate
    public ManagerDatabase(@Reference(target = "(dataSourceName=picloud)") DataSource dataSource,
                           @Reference PlatformInfo schema, @Reference StoreHealth stores,
                           @Reference UserStore users, ManagerConfig config) {
        this(dataSource, schema, stores, users, firstNonBlank(System.getenv(BOOTSTRAP_ENV),
                config._bootstrapToken()), defaultDataDir());
        start();
    }

    /** For tests: call {@link #start()} afterwards; {@code schema} is also the store's health when it is one. */
    ManagerDatabase(DataSource dataSource, PlatformInfo schema, UserStore users, String bootstrapToken,
                    Path dataDir) {
        this(dataSource, schema, schema instanceof StoreHealth h ? h : Optional::empty, users, bootstrapToken,
                dataDir);
    }

    private ManagerDatabase(DataSource dataSource, PlatformInfo schema, StoreHealth stores, UserStore users,
                            String bootstrapToken, Path dataDir) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.stores = stores;
        this.users = users;
        this.bootstrapToken = bootstrapToken;
        this.dataDir = dataDir;
        this.watch = new DatabaseWatch(dataSource, "picloud-manager-db", LOG, this::bootstrap);
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
        watch.start();
    }

    /** Only the bootstrap token is read from the configuration, and only at the first start: no restart needed. */
    @Modified
    void modified(ManagerConfig config) {
        bootstrapToken = firstNonBlank(System.getenv(BOOTSTRAP_ENV), config._bootstrapToken());
    }

    @Deactivate
    public void stop() {
        watch.stop();
    }


    /** True when the schema is current, the owner bootstrapped and the last contact with the database worked. */
    boolean ready() {
        return watch.ready();
    }

    /**
     * Checks the database now when it was fine; reports the known problem otherwise (recovery runs by itself).
     * The stores' own view counts too: they may still be recovering when this watch already sees the database.
     */
    @Override
    public Optional<String> problem() {
        Optional<String> own = watch.problem(databaseStatus);
        return own.isPresent() ? own : stores.problem();
    }

    /** The owner needs the users table: only once the store reports the schema current. */
    private void bootstrap() throws Exception {
        if (schema.schemaVersion() <= 0) {
            throw new DatabaseWatch.NotYet("database schema not migrated yet"); // the store migrates right now
        }
        try {
            Bootstrap.run(users, bootstrapToken, dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the bootstrap token: " + e.getMessage(), e);
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
