package io.picloud.store.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Liquibase changelogs in {@code db/changelog/} (cluster-safe: Liquibase holds its lock table while
 * migrating). The schema version is the number of the latest changelog file included by the master changelog.
 */
final class Migrations {
    static final String MASTER = "db/changelog/master.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern INCLUDED = Pattern.compile("file:\\s*(\\d{4})_[\\w-]+\\.yaml");
    private static final int SCHEMA_VERSION = readSchemaVersion();
    static final int STALE_LOCK_MINUTES = 10;

    private Migrations() {
    }

    /** The schema version this build brings: the number of the latest changelog file. */
    static int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /**
     * Brings the schema up to date. Closes {@code connection} (Liquibase does).
     *
     * @return the number of change sets applied now
     */
    static int migrate(Connection connection) throws Exception {
        return migrate(connection, MASTER);
    }

    /** Applies {@code changelog} (a class path resource) instead of the master changelog: tests of old schemas. */
    static int migrate(Connection connection, String changelog) throws Exception {
        // Containers in separate JVMs are kept apart by Liquibase's lock table; two runs in one JVM (two stores
        // in a test, or an old and a new component during a bundle refresh) are not: Liquibase's factories are
        // JVM-wide and one run closed the other's connection while it held the lock (then stuck for 5 minutes).
        synchronized (Migrations.class) {
            return migrateAlone(connection, changelog);
        }
    }

    private static int migrateAlone(Connection connection, String changelog) throws Exception {
        releaseStaleLock(connection);
        ClassLoader loader = Migrations.class.getClassLoader();
        // Liquibase finds its Database implementations through ServiceLoader on the scope's class loader. The
        // thread's context loader works on a first boot (SPI Fly wires it) but not after a restart from the
        // bundle cache ("Unknown database: PostgreSQL"), so point it at Liquibase's own bundle.
        Map<String, Object> scope = Map.of(
                Scope.Attr.classLoader.name(), Liquibase.class.getClassLoader(),
                Scope.Attr.ui.name(), new LoggerUIService(),
                Scope.Attr.logService.name(), new LiquibaseLogs(),
                "liquibase.analytics.enabled", Boolean.FALSE);
        int[] applied = {0};
        Scope.child(scope, () -> {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase(changelog, new ClassLoaderResourceAccessor(loader), database)) {
                liquibase.setShowSummary(UpdateSummaryEnum.OFF);
                liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
                List<ChangeSet> pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression());
                for (ChangeSet changeSet : pending) {
                    LOG.info("Applying schema change {} ({})", changeSet.getId(), changeSet.getFilePath());
                }
                if (!pending.isEmpty()) {
                    liquibase.update(new Contexts(), new LabelExpression());
                }
                applied[0] = pending.size();
            }
        });
        return applied[0];
    }

    /**
     * The schema version the database is at: the highest number among the change sets applied to it (their ids
     * start with the number of their file, {@code 0003-...}), 0 for a database PiCloud never migrated.
     */
    static int databaseSchemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet exists = s.executeQuery("SELECT to_regclass('databasechangelog') IS NOT NULL")) {
            if (!exists.next() || !exists.getBoolean(1)) {
                return 0;
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT coalesce(max(substring(id FROM '^(\\d{4})-')::int), 0) FROM databasechangelog")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * A node killed while migrating leaves Liquibase's lock taken forever. Migrations take seconds; a lock older
     * than {@link #STALE_LOCK_MINUTES} is released (with a warning) so the schema can be brought up to date.
     */
    static void releaseStaleLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('databasechangeloglock') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE databasechangeloglock SET locked = FALSE, lockgranted = NULL, lockedby = NULL "
                        + "WHERE locked AND lockgranted < now() - make_interval(mins => ?) RETURNING lockedby")) {
            ps.setInt(1, STALE_LOCK_MINUTES);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LOG.warn("Released a stale schema migration lock held by {} for more than {} minutes",
                            rs.getString(1), STALE_LOCK_MINUTES);
                }
            }
        }
    }

    private static int readSchemaVersion() {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(MASTER)) {
            if (in == null) {
                throw new IllegalStateException(MASTER + " is missing from the bundle");
            }
            Matcher m = INCLUDED.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            int latest = 0;
            while (m.find()) {
                latest = Math.max(latest, Integer.parseInt(m.group(1)));
            }
            return latest;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + MASTER, e);
        }
    }
}
