package io.picloud.database.impl;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.picloud.api.DatabaseStatus;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pooled {@link DataSource} every PiCloud bundle uses ({@code (dataSourceName=picloud)}), with its
 * {@link DatabaseStatus}. With no URL configured it starts the embedded PostgreSQL on a thread of its own, so the
 * rest of PiCloud starts meanwhile (the server's start, and at the very first start unpacking it and initdb, take
 * seconds), and connects to it with the password kept in its data directory (the configured user and password are
 * for an external server). Until the embedded server answers, {@link #getConnection()} waits for it up to the
 * configured timeout and then fails with an {@link SQLTransientConnectionException} (SQL state 08001: unavailable),
 * and {@link #available()} is false. The pool is created even when the database is down and connects by itself once
 * it answers; meanwhile {@link #getConnection()} fails after the configured timeout with an {@link SQLException}.
 * Reconfiguration restarts the component; deactivation waits for a start in progress and stops the server. Also the
 * {@link MetricSource} of the pool ({@link PoolMetrics}).
 */
@Component(service = {DataSource.class, DatabaseStatus.class, MetricSource.class}, immediate = true,
        configurationPid = "io.picloud.database", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {"dataSourceName=picloud", "osgi.jndi.service.name=jdbc/picloud"})
@Designate(ocd = DatabaseConfig.class)
public final class PicloudDataSource implements DataSource, DatabaseStatus, MetricSource {

    private static final Logger LOG = LoggerFactory.getLogger(PicloudDataSource.class);
    /** How long deactivation waits for a start in progress (initdb and the server's own start wait included). */
    private static final long START_WAIT_SECONDS = 120;

    /** The pool, its probe and the embedded server it connects to (null: an external database). */
    private record Backend(HikariDataSource pool, DatabaseProbe probe, EmbeddedDatabase embedded) {
    }

    private final DatabaseSettings settings;
    private final PoolMetrics poolMetrics;
    private final CompletableFuture<Backend> backend = new CompletableFuture<>();

    @Activate
    public PicloudDataSource(DatabaseConfig config) {
        this(DatabaseSettings.resolve(config, System::getenv, System::getProperty));
    }

    PicloudDataSource(DatabaseSettings settings) {
        this.settings = settings;
        this.poolMetrics = new PoolMetrics(settings.poolMaxSize());
        if (settings.embedded()) {
            Thread starter = new Thread(this::startEmbedded, "picloud-embedded-postgres");
            starter.setDaemon(true);
            starter.start();
        } else {
            backend.complete(connect(settings.url(), settings.user(), settings.password(), null, null));
        }
    }

    private void startEmbedded() {
        Backend b;
        try {
            ownerOnly(settings.dataDir());
            EmbeddedDatabase started = EmbeddedDatabase.start(settings.embeddedDataDir(), settings.embeddedBinDir(),
                    settings.embeddedPort(), settings.poolMaxSize() + 10, settings.prepared());
            try {
                b = connect(started.jdbcUrl(), EmbeddedDatabase.SUPERUSER, started.password(), null, started);
            } catch (RuntimeException e) {
                started.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Embedded PostgreSQL in '{}' failed to start (log: '{}'): {}", settings.embeddedDataDir(),
                    settings.embeddedDataDir().resolveSibling("postgres.log"), e.toString());
            int port = settings.embeddedPort() > 0 ? settings.embeddedPort() : 5432;
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE;
            String kept = EmbeddedDatabase.keptPassword(settings.embeddedDataDir());
            b = connect(url, EmbeddedDatabase.SUPERUSER, kept == null ? "" : kept,
                    "embedded PostgreSQL failed to start: " + e.getMessage(), null);
        }
        backend.complete(b);
    }

    /**
     * The directory of the embedded server's data, binaries and log, for PiCloud's user only: zonky makes the binaries'
     * directory writable by everyone at every start, and nobody else may swap the programs PiCloud runs.
     */
    private static void ownerOnly(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Could not make '{}' accessible to PiCloud's user only: {}", dir, e.toString());
        }
    }

    /** The pool and probe for {@code url}; with an embedded server, the one it connects to. */
    private Backend connect(String url, String user, String password, String startFailure, EmbeddedDatabase embedded) {
        PGSimpleDataSource target = new PGSimpleDataSource();
        target.setURL(url);
        target.setUser(user);
        if (!password.isEmpty()) {
            target.setPassword(password);
        }
        target.setApplicationName("picloud");
        // JDBC batches (the invocation log's) as multi-row INSERTs: a fraction of the server CPU of row-by-row
        target.setReWriteBatchedInserts(true);
        HikariConfig poolConfig = poolConfig(target, settings);
        poolConfig.setMetricsTrackerFactory(poolMetrics);
        HikariDataSource pool = new HikariDataSource(poolConfig);
        DatabaseProbe probe = new DatabaseProbe(target, describe(url), startFailure);
        LOG.info("Database: {}", probe.where());
        return new Backend(pool, probe, embedded);
    }

    private static HikariConfig poolConfig(DataSource target, DatabaseSettings settings) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("picloud");
        hc.setDataSource(target);
        hc.setMaximumPoolSize(settings.poolMaxSize());
        hc.setMinimumIdle(Math.min(2, settings.poolMaxSize()));
        hc.setConnectionTimeout(settings.connectionTimeoutMs());
        // connections a burst opened go again after a minute idle (Hikari's default: 10): each is a server process
        hc.setIdleTimeout(60_000);
        // create the pool even when the database is down; connections are made once it answers
        hc.setInitializationFailTimeout(-1);
        hc.setRegisterMbeans(false);
        return hc;
    }

    private String describe(String url) {
        int q = url.indexOf('?');
        String where = q < 0 ? url : url.substring(0, q);
        return settings.embedded() ? "embedded PostgreSQL " + where + " (data in " + settings.embeddedDataDir() + ")" : where;
    }

    /**
     * The backend once the embedded server has started (at once for an external database); waits up to
     * {@code timeout}, then fails as an unavailable database does.
     */
    private Backend backend(Duration timeout) throws SQLException {
        Backend b = backend.getNow(null);
        if (b != null) {
            return b;
        }
        try {
            return backend.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SQLTransientConnectionException("the embedded PostgreSQL in " + settings.embeddedDataDir()
                    + " is still starting", "08001");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while the embedded PostgreSQL starts", "08001", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // never: the start always completes with a backend
        }
    }

    private Backend backend() throws SQLException {
        return backend(Duration.ofMillis(settings.connectionTimeoutMs()));
    }

    /**
     * Waits until the embedded server has started (or failed to), at most {@code timeout}; true when it did. At once
     * for an external database. For tests and callers that would rather wait than retry.
     */
    boolean awaitStarted(Duration timeout) {
        try {
            backend(timeout);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Deactivate
    void deactivate() {
        Backend b;
        try {
            b = backend.get(START_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while the embedded PostgreSQL starts; it is stopped by its watchdog when PiCloud ends");
            return;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The embedded PostgreSQL did not finish starting in {} s: {}", START_WAIT_SECONDS, e.toString());
            return;
        }
        b.pool().close();
        if (b.embedded() != null) {
            b.embedded().close();
        }
    }

    @Override
    public void collect(MetricWriter out) {
        poolMetrics.collect(out, () -> {
            Backend b = backend.getNow(null);
            return b == null ? null : b.pool().getHikariPoolMXBean();
        });
    }

    @Override
    public boolean available() {
        Backend b = backend.getNow(null);
        return b != null && b.probe().available();
    }

    @Override
    public String detail() {
        Backend b = backend.getNow(null);
        return b == null ? "embedded PostgreSQL in " + settings.embeddedDataDir() + ": starting" : b.probe().detail();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return backend().pool().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("PiCloud's pooled DataSource connects with its configured user only");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return backend().pool().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        backend().pool().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        backend().pool().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return backend().pool().getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return backend().pool().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || backend().pool().isWrapperFor(iface);
    }
}
