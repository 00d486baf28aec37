package io.picloud.database.impl;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.picloud.api.DatabaseStatus;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
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
 * {@link DatabaseStatus}. With no URL configured it first starts the embedded PostgreSQL and connects to it with
 * the password kept in its data directory (the configured user and password are for an external server). The pool is created
 * even when the database is down and connects by itself once it answers; meanwhile {@link #getConnection()}
 * fails after the configured timeout with an {@link SQLException}. Reconfiguration restarts the component. Also
 * the {@link MetricSource} of the pool ({@link PoolMetrics}).
 */
@Component(service = {DataSource.class, DatabaseStatus.class, MetricSource.class}, immediate = true,
        configurationPid = "io.picloud.database", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {"dataSourceName=picloud", "osgi.jndi.service.name=jdbc/picloud"})
@Designate(ocd = DatabaseConfig.class)
public final class PicloudDataSource implements DataSource, DatabaseStatus, MetricSource {

    private static final Logger LOG = LoggerFactory.getLogger(PicloudDataSource.class);

    private final DatabaseSettings settings;
    private final EmbeddedDatabase embedded;
    private final HikariDataSource pool;
    private final DatabaseProbe probe;
    private final PoolMetrics poolMetrics;

    @Activate
    public PicloudDataSource(DatabaseConfig config) {
        this(DatabaseSettings.resolve(config, System::getenv, System::getProperty));
    }

    PicloudDataSource(DatabaseSettings settings) {
        this.settings = settings;
        String url = settings.url();
        String user = settings.user();
        String password = settings.password();
        EmbeddedDatabase started = null;
        String startFailure = null;
        if (settings.embedded()) {
            // the embedded server has one role with a password of its own; a configured user or password is ignored
            user = EmbeddedDatabase.SUPERUSER;
            try {
                started = EmbeddedDatabase.start(settings.embeddedDataDir(), settings.embeddedBinDir(), settings.embeddedPort());
                url = started.jdbcUrl();
                password = started.password();
            } catch (IOException | RuntimeException e) {
                startFailure = "embedded PostgreSQL failed to start: " + e.getMessage();
                LOG.error("Embedded PostgreSQL in '{}' failed to start (log: '{}'): {}", settings.embeddedDataDir(),
                        settings.embeddedDataDir().resolveSibling("postgres.log"), e.toString());
                int port = settings.embeddedPort() > 0 ? settings.embeddedPort() : 5432;
                url = "jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE;
                String kept = EmbeddedDatabase.keptPassword(settings.embeddedDataDir());
                password = kept == null ? "" : kept;
            }
        }
        this.embedded = started;
        PGSimpleDataSource target = new PGSimpleDataSource();
        target.setURL(url);
        target.setUser(user);
        if (!password.isEmpty()) {
            target.setPassword(password);
        }
        target.setApplicationName("picloud");
        // JDBC batches (the invocation log's) as multi-row INSERTs: a fraction of the server CPU of row-by-row
        target.setReWriteBatchedInserts(true);
        this.poolMetrics = new PoolMetrics(settings.poolMaxSize());
        HikariConfig poolConfig = poolConfig(target, settings);
        poolConfig.setMetricsTrackerFactory(poolMetrics);
        this.pool = new HikariDataSource(poolConfig);
        this.probe = new DatabaseProbe(target, describe(url), startFailure);
        LOG.info("Database: {}", probe.where());
    }

    private static HikariConfig poolConfig(DataSource target, DatabaseSettings settings) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("picloud");
        hc.setDataSource(target);
        hc.setMaximumPoolSize(settings.poolMaxSize());
        hc.setMinimumIdle(Math.min(2, settings.poolMaxSize()));
        hc.setConnectionTimeout(settings.connectionTimeoutMs());
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

    @Deactivate
    void deactivate() {
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    @Override
    public void collect(MetricWriter out) {
        poolMetrics.collect(out, pool::getHikariPoolMXBean);
    }

    @Override
    public boolean available() {
        return probe.available();
    }

    @Override
    public String detail() {
        return probe.detail();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("PiCloud's pooled DataSource connects with its configured user only");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
