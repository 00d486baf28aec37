package io.picloud.database.impl;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PiCloud's own PostgreSQL, from the binaries packed in this bundle. Data lives in {@code <dataDir>/postgres}
 * and survives restarts; binaries are unpacked once to {@code <dataDir>/postgres-bin}. Works as root (the
 * packed binaries do not refuse it). It listens on 127.0.0.1 only, and every connection needs the superuser's
 * password (SCRAM; see {@link EmbeddedCredentials}). Not thread-safe: the owning component starts and stops it.
 *
 * <p>The server never outlives PiCloud: {@link #close()} stops it, and a watchdog process ({@code sh}, blocked in a
 * read of a pipe from this JVM, no CPU while it waits) stops it with a fast shutdown when the JVM ends without
 * closing it (kill -9, a crash, an out-of-memory exit): the kernel closes the pipe and the read returns. A server
 * that outlived an earlier JVM anyway (its watchdog killed too) is found by the pid in {@code postmaster.pid} and
 * stopped before ours starts (both in {@link Postmaster}). Its memory settings suit a small machine (see
 * {@link #builder}); the binaries are unpacked by {@link EmbeddedBinaries}.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    static final String DATABASE = "picloud";
    static final String SUPERUSER = "postgres";
    /** Connections the server accepts by default: the pool's 10, the health probe, a shell or two. */
    static final int DEFAULT_MAX_CONNECTIONS = 20;

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private String password;
    private Postmaster.Watchdog watchdog;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir, String password) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.password = password;
    }

    static EmbeddedDatabase start(Path dataDir, Path binDir, int port) throws IOException {
        return start(dataDir, binDir, port, DEFAULT_MAX_CONNECTIONS, null);
    }

    /**
     * Starts (and on first use initialises) the database; blocks until it answers queries. The superuser's
     * password comes from {@link EmbeddedCredentials}: made at the first start, set on a data directory from
     * before passwords (upgraded in place: the password is set with ALTER ROLE, then the server restarts with
     * PiCloud's pg_hba.conf), and changed when an operator left a rotation file.
     *
     * @param prepared the distribution's {@code lib/postgresql}: binaries unpacked and a first-start template made at
     *                 build time ({@link EmbeddedBinaries}, {@link EmbeddedTemplate}); null or missing: none
     */
    static EmbeddedDatabase start(Path dataDir, Path binDir, int port, int maxConnections, Path prepared)
            throws IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(binDir);
        Postmaster.stopOrphan(dataDir);
        EmbeddedBinaries binaries = EmbeddedBinaries.packed();
        binaries.prepare(binDir, prepared);
        EmbeddedCredentials credentials = new EmbeddedCredentials(dataDir);
        boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
        if (fresh && prepared != null) {
            String password = EmbeddedCredentials.newPassword();
            try {
                fresh = !EmbeddedTemplate.copy(prepared.resolve(EmbeddedTemplate.DIRECTORY), dataDir,
                        binDir.resolve(binaries.directoryName()), binaries, password);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Embedded PostgreSQL: the distribution's template could not be used ({}); running initdb",
                        e.toString());
            }
        }
        boolean upgrade = false;
        String password;
        if (fresh) {
            password = credentials.prepareInitdbPassword();
        } else if (Files.exists(credentials.passwordFile())) {
            password = EmbeddedCredentials.read(credentials.passwordFile());
        } else if (Files.exists(credentials.initdbPasswordFile())) {
            // a first start that ended between initdb and keeping its password: initdb set this one
            password = EmbeddedCredentials.read(credentials.initdbPasswordFile());
            upgrade = true;
        } else {
            // a data directory from before passwords: trust authentication, no password yet
            password = EmbeddedCredentials.newPassword();
            upgrade = true;
        }
        EmbeddedPostgres pg = builder(dataDir, binDir, port, maxConnections, credentials, fresh, upgrade, password)
                .setPgBinaryResolver(binaries.resolver()).start();
        EmbeddedDatabase db = new EmbeddedDatabase(pg, dataDir, password);
        try {
            if (upgrade) {
                // the role first, then the file: a start that ends in between finds no file and does this again
                db.setPassword(password);
                credentials.keep(password);
            } else if (Files.exists(credentials.rotationFile())) {
                db.rotatePassword(credentials);
            }
            db.createDatabaseIfMissing();
        } catch (SQLException | IOException | RuntimeException e) {
            db.close();
            throw new IOException("Embedded PostgreSQL started but could not be set up: " + e.getMessage(), e);
        }
        if (upgrade) {
            LOG.info("Embedded PostgreSQL in '{}': password authentication set up, password in '{}'; restarting it",
                    dataDir, credentials.passwordFile());
            db.close();
            // the normal start writes PiCloud's pg_hba.conf before the server reads it
            return start(dataDir, binDir, port, maxConnections, prepared);
        }
        db.watchdog = Postmaster.Watchdog.start(dataDir, db.pid());
        LOG.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in '{}'", pg.getPort(), dataDir);
        return db;
    }

    /**
     * The server's settings. Memory for a small machine: 16 MiB of shared buffers (PiCloud's working set is small;
     * the OS page cache holds the rest), {@code maxConnections} connections, no parallel query workers, one
     * autovacuum worker, no replication (wal_level minimal, no WAL senders, no logical replication launcher).
     * Durability: zonky starts the server with {@code -F} (fsync off, for tests); PiCloud's data must survive a
     * power cut, so fsync is switched back on.
     */
    private static EmbeddedPostgres.Builder builder(Path dataDir, Path binDir, int port, int maxConnections,
                                                    EmbeddedCredentials credentials, boolean fresh, boolean upgrade,
                                                    String password) {
        Path log = dataDir.resolveSibling("postgres.log");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(binDir.toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("password_encryption", EmbeddedCredentials.SCRAM)
                // the Unix socket (in the binaries' default directory) for the user PiCloud runs as only
                .setServerConfig("unix_socket_permissions", "0700")
                // zonky's defaults favour tests; PiCloud's data must survive a crash
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", Integer.toString(Math.max(5, maxConnections)))
                .setServerConfig("shared_buffers", "16MB")
                .setServerConfig("max_worker_processes", "2")
                .setServerConfig("max_parallel_workers_per_gather", "0")
                .setServerConfig("max_parallel_maintenance_workers", "0")
                .setServerConfig("autovacuum_max_workers", "1")
                .setServerConfig("wal_level", "minimal")
                .setServerConfig("max_wal_senders", "0")
                .setServerConfig("max_replication_slots", "0")
                .setServerConfig("max_logical_replication_workers", "0")
                .setServerConfig("jit", "off")
                // every connection zonky makes (startup check, getPostgresDatabase) sends the password
                .setConnectConfig("password", password)
                .setDataDirectoryCustomizer(dir -> {
                    // runs after initdb, before the server starts
                    try {
                        if (fresh) {
                            credentials.keepInitdbPassword(password);
                        }
                        if (!upgrade) {
                            credentials.writePgHba();
                        }
                        EmbeddedCredentials.ownerOnly(credentials.passwordFile());
                        EmbeddedCredentials.ownerOnly(credentials.rotationFile());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()));
        if (fresh) {
            // zonky runs "initdb -A trust ..." and appends these as --auth=... --pwfile=...: the later --auth wins,
            // so the superuser has a password from the first moment and no trust line is ever written
            builder.setLocaleConfig("auth", EmbeddedCredentials.SCRAM);
            builder.setLocaleConfig("pwfile", credentials.initdbPasswordFile().toString());
            // the C locale (UTF-8 text, byte order): every machine has it, and the build's template is made the same way
            builder.setLocaleConfig("locale", "C");
        }
        if (port > 0) {
            builder.setPort(port);
        }
        return builder;
    }

    int port() {
        return postgres.getPort();
    }

    /** The URL of the {@code picloud} database (created on first start); user {@link #SUPERUSER}, {@link #password()}. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    /** The superuser's password (also in {@code picloud-password} in the data directory). */
    String password() {
        return password;
    }

    /**
     * The password kept in {@code dataDir}, or null when there is none (yet): for connecting to an embedded
     * server that this container did not manage to start.
     */
    static String keptPassword(Path dataDir) {
        Path file = new EmbeddedCredentials(dataDir).passwordFile();
        try {
            return Files.exists(file) ? EmbeddedCredentials.read(file) : null;
        } catch (IOException e) {
            LOG.warn("Could not read the embedded database's password: {}", e.toString());
            return null;
        }
    }

    private void setPassword(String newPassword) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            // password_encryption = scram-sha-256: the server stores a SCRAM verifier, never the password
            s.execute("ALTER ROLE " + SUPERUSER + " WITH PASSWORD '" + newPassword + "'");
        }
    }

    /**
     * Sets the password an operator wrote to the rotation file, then keeps it. A start that ends between the two
     * (milliseconds) leaves a server that wants the new password and a kept file with the old one: then move the
     * rotation file over picloud-password by hand.
     */
    private void rotatePassword(EmbeddedCredentials credentials) throws IOException, SQLException {
        String next = EmbeddedCredentials.read(credentials.rotationFile());
        setPassword(next);
        credentials.keep(next);
        password = next;
        LOG.info("Embedded PostgreSQL: the password from '{}' is set and now kept in '{}'", credentials.rotationFile(),
                credentials.passwordFile());
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = connect("postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
                LOG.info("Created database '{}' in the embedded PostgreSQL", DATABASE);
            }
        }
    }

    /** A new connection to {@code database} as the superuser with the current password. */
    Connection connect(String database) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database);
        ds.setUser(SUPERUSER);
        ds.setPassword(password);
        return ds.getConnection();
    }


    /** The server's pid (the postmaster), from {@code postmaster.pid}; -1 when it is not running. */
    long pid() {
        return Postmaster.readPid(dataDir).orElse(-1L);
    }

    /** The watchdog, null when it could not be started (or the server is stopped): for tests. */
    Postmaster.Watchdog watchdog() {
        return watchdog;
    }

    /** Stops the server with a fast shutdown (open transactions roll back, data is flushed). */
    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.stop();
            watchdog = null;
        }
        try {
            postgres.close();
            LOG.info("Embedded PostgreSQL stopped ('{}')", dataDir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Embedded PostgreSQL in '{}' did not stop cleanly: {}", dataDir, e.toString());
        }
    }
}
