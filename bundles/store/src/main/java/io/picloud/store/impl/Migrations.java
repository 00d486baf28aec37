package io.picloud.store.impl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Liquibase changelogs in {@code db/changelog/} (cluster-safe: Liquibase holds its lock table while
 * migrating). The schema version is the number of the latest changelog file included by the master changelog.
 *
 * <p>A database that already holds every change set of the changelog is left alone without building Liquibase at
 * all (one query against {@code databasechangelog}, see {@link #isCurrent}): on a restart Liquibase's class
 * loading and changelog parsing cost seconds on a small machine, and its classes stay out of the JVM's memory.
 * Checksum validation then happens only when something is pending (released changelog files never change).
 */
// public for the build step that migrates the embedded database's template (bundles/database-template); the
// package is not exported
public final class Migrations {
    static final String MASTER = "db/changelog/master.yaml";
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern INCLUDED = Pattern.compile("file:\\s*(\\d{4})_[\\w-]+\\.yaml");
    private static final Pattern INCLUDE_FILE = Pattern.compile("(?m)^\\s*file:\\s*(\\S+\\.yaml)\\s*$");
    private static final Pattern CHANGE_SET = Pattern.compile("(?m)^\\s*-\\s*changeSet:\\s*$");
    private static final Pattern ID = Pattern.compile("(?m)^\\s+id:\\s*(\\S+)\\s*$");
    private static final Pattern AUTHOR = Pattern.compile("(?m)^\\s+author:\\s*(\\S+)\\s*$");
    private static final Pattern RERUNS = Pattern.compile("(?m)^\\s+(runOnChange|runAlways):\\s*true");
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
    public static int migrate(Connection connection) throws Exception {
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
        if (isCurrent(connection, changelog)) {
            connection.close();
            return 0;
        }
        startLiquibaseBundle();
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
     * Starts Liquibase's bundle, which the feature installs without starting: its start (SPI Fly registering its
     * 500-odd service providers, which Liquibase then finds through ServiceLoader) cost up to a second of CPU at a
     * boot, and a current schema needs none of it. Transient: the next boot leaves it stopped again. Nothing outside
     * OSGi (tests, the build's template), where the framework's classes may be missing altogether.
     */
    private static void startLiquibaseBundle() throws BundleException {
        try {
            LiquibaseBundle.start();
        } catch (NoClassDefFoundError outsideOsgi) {
            // no org.osgi.framework on the class path: nothing to start
        }
    }

    /** Apart, so that its OSGi classes are loaded only when it runs. */
    private static final class LiquibaseBundle {
        static void start() throws BundleException {
            Bundle liquibase = FrameworkUtil.getBundle(Liquibase.class);
            if (liquibase != null && (liquibase.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
                LOG.info("Starting Liquibase for the schema migration");
                liquibase.start(Bundle.START_TRANSIENT);
            }
        }
    }

    /**
     * True when every change set of {@code changelog} (a class path resource: the master changelog and the files
     * it includes) is recorded in {@code databasechangelog} by file, id and author, so that Liquibase would apply
     * nothing. False when one is missing, when the changelog could not be read this way (no change sets found, an
     * include this method does not follow) or when a change set is {@code runOnChange}/{@code runAlways}: then
     * Liquibase decides.
     */
    static boolean isCurrent(Connection c, String changelog) throws SQLException {
        Set<String> expected = changeSets(changelog);
        if (expected.isEmpty()) {
            return false;
        }
        try (Statement s = c.createStatement();
             ResultSet exists = s.executeQuery("SELECT to_regclass('databasechangelog') IS NOT NULL")) {
            if (!exists.next() || !exists.getBoolean(1)) {
                return false;
            }
        }
        Set<String> applied = new HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT filename, id, author FROM databasechangelog")) {
            while (rs.next()) {
                applied.add(rs.getString(1) + "::" + rs.getString(2) + "::" + rs.getString(3));
            }
        }
        return applied.containsAll(expected);
    }

    /**
     * The change sets of {@code changelog} as {@code file::id::author}, read from the YAML files (the master's
     * {@code include}s, relative to it); empty when they cannot be read this way.
     */
    static Set<String> changeSets(String changelog) {
        String master = resource(changelog);
        if (master == null) {
            return Set.of();
        }
        String dir = changelog.contains("/") ? changelog.substring(0, changelog.lastIndexOf('/') + 1) : "";
        Set<String> sets = new LinkedHashSet<>();
        Matcher include = INCLUDE_FILE.matcher(master);
        while (include.find()) {
            String file = dir + include.group(1);
            String yaml = resource(file);
            if (yaml == null || RERUNS.matcher(yaml).find() || yaml.contains("includeAll")) {
                return Set.of();
            }
            Matcher changeSet = CHANGE_SET.matcher(yaml);
            List<Integer> starts = new ArrayList<>();
            while (changeSet.find()) {
                starts.add(changeSet.end());
            }
            for (int i = 0; i < starts.size(); i++) {
                String block = yaml.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : yaml.length());
                Matcher id = ID.matcher(block);
                Matcher author = AUTHOR.matcher(block);
                if (!id.find() || !author.find()) {
                    return Set.of();
                }
                sets.add(file + "::" + id.group(1) + "::" + author.group(1));
            }
        }
        if (master.contains("includeAll") || master.contains("changeSet:")) {
            return Set.of();
        }
        return sets;
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
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
