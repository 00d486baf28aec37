package io.picloud.database.impl;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PiCloud's own PostgreSQL, from the binaries packed in this bundle. Data lives in {@code <dataDir>/postgres}
 * and survives restarts; binaries are unpacked once to {@code <dataDir>/postgres-bin}. Works as root (the
 * packed binaries do not refuse it). Not thread-safe: the owning component starts and stops it.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    static final String DATABASE = "picloud";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** Starts (and on first use initialises) the database; blocks until it answers queries. */
    static EmbeddedDatabase start(Path dataDir, Path binDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(binDir);
        stopOrphanedPostmaster(dataDir);
        Path log = dataDir.resolveSibling("postgres.log");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(binDir.toFile())
                .setPgBinaryResolver(new BundledBinaries())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky's defaults favour tests; PiCloud's data must survive a crash
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()));
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres pg = builder.start();
        EmbeddedDatabase db = new EmbeddedDatabase(pg, dataDir);
        try {
            db.createDatabaseIfMissing();
        } catch (SQLException e) {
            db.close();
            throw new IOException("Embedded PostgreSQL started but the database could not be created: " + e.getMessage(), e);
        }
        LOG.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in '{}'", pg.getPort(), dataDir);
        return db;
    }

    int port() {
        return postgres.getPort();
    }

    /** The URL of the {@code picloud} database (created on first start); user {@code postgres}, no password. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE);
                LOG.info("Created database '{}' in the embedded PostgreSQL", DATABASE);
            }
        }
    }

    /** Stops the server with a fast shutdown (open transactions roll back, data is flushed). */
    @Override
    public void close() {
        try {
            postgres.close();
            LOG.info("Embedded PostgreSQL stopped ('{}')", dataDir);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Embedded PostgreSQL in '{}' did not stop cleanly: {}", dataDir, e.toString());
        }
    }

    /**
     * A postmaster left running by a container that was killed holds the data directory; ask it to shut down
     * (SIGTERM: smart shutdown, its clients are gone with the old JVM) before starting our own.
     */
    static void stopOrphanedPostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<ProcessHandle> orphan = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle p = orphan.get();
        LOG.warn("Stopping the PostgreSQL server (pid {}) left running on '{}' by an earlier start", p.pid(), dataDir);
        p.destroy();
        try {
            p.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("PostgreSQL pid {} did not stop in 30 s: {}", p.pid(), e.toString());
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Finds {@code postgres-<os>-<arch>.txz} among this bundle's own resources. */
    static final class BundledBinaries implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            String arch = machineHardware.toLowerCase(Locale.ROOT);
            if (arch.equals("amd64")) {
                arch = "x86_64";
            }
            String name = "/postgres-" + system.toLowerCase(Locale.ROOT) + "-" + arch + ".txz";
            InputStream in = EmbeddedDatabase.class.getResourceAsStream(name);
            if (in == null) {
                throw new FileNotFoundException("No embedded PostgreSQL binaries for " + system + "/" + machineHardware
                        + " (" + name + "); configure an external database with PICLOUD_DB_URL");
            }
            return in;
        }
    }
}
