package io.picloud.database.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The embedded PostgreSQL's credentials, on the real server from this bundle's binaries: a password from the
 * first start on, kept 0600; no trust authentication; loopback only; the upgrade of a data directory from before
 * passwords; rotation.
 */
public class EmbeddedDatabaseSecurityTest {

    /** The binaries are unpacked once for the class (a few seconds); each test has its own data directory. */
    private static Path binDir;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @BeforeClass
    public static void createBinDir() throws IOException {
        binDir = Files.createTempDirectory("picloud-db-bin");
    }

    @AfterClass
    public static void deleteBinDir() throws IOException {
        try (var paths = Files.walk(binDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Path dataDir() throws IOException {
        return tmp.newFolder("data").toPath().resolve("postgres");
    }

    private static Connection connect(int port, String password) throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE);
        ds.setUser(EmbeddedDatabase.SUPERUSER);
        if (password != null) {
            ds.setPassword(password);
        }
        ds.setConnectTimeout(5);
        return ds.getConnection();
    }

    private static void assertRefused(int port, String password) {
        try (Connection c = connect(port, password)) {
            fail("connected as " + EmbeddedDatabase.SUPERUSER + " with password " + password);
        } catch (SQLException expected) {
            String message = String.valueOf(expected.getMessage()).toLowerCase(Locale.ROOT);
            assertTrue(message, message.contains("password"));
        }
    }

    private static String queryOne(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    /** Asserts what must hold after every start: the password works and only it, the files, the settings. */
    private static void assertLockedDown(EmbeddedDatabase db, Path dataDir) throws Exception {
        Path passwordFile = dataDir.resolve(EmbeddedCredentials.PASSWORD_FILE);
        assertTrue(Files.exists(passwordFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
        assertEquals(db.password(), Files.readAllLines(passwordFile).get(0));
        assertFalse(Files.exists(new EmbeddedCredentials(dataDir).initdbPasswordFile()));

        List<String> rules = Files.readAllLines(dataDir.resolve("pg_hba.conf")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertFalse(rules.isEmpty());
        for (String rule : rules) {
            assertFalse(rule, rule.contains("trust"));
            assertTrue(rule, rule.endsWith(" scram-sha-256"));
        }

        assertRefused(db.port(), null);
        assertRefused(db.port(), "wrong-" + db.password());
        try (Connection c = connect(db.port(), db.password())) {
            assertEquals(EmbeddedDatabase.DATABASE, queryOne(c, "SELECT current_database()"));
            assertEquals("127.0.0.1", queryOne(c, "SHOW listen_addresses"));
            assertEquals("scram-sha-256", queryOne(c, "SHOW password_encryption"));
            assertTrue(queryOne(c, "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'")
                    .startsWith("SCRAM-SHA-256$"));
            assertEquals("0", queryOne(c, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'trust'"));
            assertEquals("0", queryOne(c, "SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL"));
        }
    }

    @Test
    public void aNewDatabaseHasAPasswordFromItsFirstStartAndKeepsItAcrossRestarts() throws Exception {
        Path dataDir = dataDir();
        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, binDir, 0)) {
            assertLockedDown(db, dataDir);
            password = db.password();
            assertTrue(password, password.length() >= 40);
            try (Connection c = connect(db.port(), password); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('survives')");
            }
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, binDir, 0)) {
            assertEquals(password, db.password());
            assertLockedDown(db, dataDir);
            try (Connection c = connect(db.port(), password)) {
                assertEquals("survives", queryOne(c, "SELECT v FROM kept"));
            }
        }
    }

    @Test
    public void aDataDirectoryFromBeforePasswordsIsUpgradedInPlace() throws Exception {
        Path dataDir = dataDir();
        // what PiCloud did before: zonky's defaults, initdb -A trust, no password file
        try (EmbeddedPostgres legacy = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(binDir.toFile())
                .setPgBinaryResolver(EmbeddedBinaries.packed().resolver())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setOutputRedirector(Redirect.DISCARD)
                .setErrorRedirector(Redirect.DISCARD)
                .start()) {
            try (Connection c = legacy.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + EmbeddedDatabase.DATABASE);
            }
            try (Connection c = connect(legacy.getPort(), null); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('from before')");
            }
        }
        assertTrue(Files.readString(dataDir.resolve("pg_hba.conf")).contains("trust"));
        assertFalse(Files.exists(dataDir.resolve(EmbeddedCredentials.PASSWORD_FILE)));

        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, binDir, 0)) {
            assertLockedDown(db, dataDir);
            password = db.password();
            try (Connection c = connect(db.port(), password)) {
                assertEquals("from before", queryOne(c, "SELECT v FROM kept"));
            }
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, binDir, 0)) {
            assertEquals(password, db.password());
            assertLockedDown(db, dataDir);
        }
    }

    @Test
    public void aRotationFileSetsANewPasswordAtTheNextStart() throws Exception {
        Path dataDir = dataDir();
        String old;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, binDir, 0)) {
            old = db.password();
        }
        Path rotation = dataDir.resolve(EmbeddedCredentials.ROTATION_FILE);
        // as an operator might write it: with a newline and a mode that is too open
        Files.writeString(rotation, "chosen-by-the-operator-0123456789\n");
        Files.setPosixFilePermissions(rotation, PosixFilePermissions.fromString("rw-r--r--"));
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, binDir, 0)) {
            assertEquals("chosen-by-the-operator-0123456789", db.password());
            assertNotEquals(old, db.password());
            assertFalse(Files.exists(rotation));
            assertLockedDown(db, dataDir);
            assertRefused(db.port(), old);
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, binDir, 0)) {
            assertEquals("chosen-by-the-operator-0123456789", db.password());
            assertLockedDown(db, dataDir);
        }
    }

    @Test
    public void theDataSourceConnectsWithTheKeptPassword() throws Exception {
        Path dataDir = dataDir();
        DatabaseSettings settings = new DatabaseSettings(null, "ignored", "ignored too", dataDir.getParent(), 0, 2, 3000, null);
        PicloudDataSource ds = new PicloudDataSource(settings);
        assertTrue("started", ds.awaitStarted(Duration.ofMinutes(2)));
        try (Connection c = ds.getConnection()) {
            assertTrue(ds.detail(), ds.available());
            assertEquals(EmbeddedDatabase.SUPERUSER, queryOne(c, "SELECT current_user"));
            assertEquals(EmbeddedCredentials.read(dataDir.resolve(EmbeddedCredentials.PASSWORD_FILE)),
                    ds.unwrap(com.zaxxer.hikari.HikariDataSource.class).getDataSource()
                            .unwrap(PGSimpleDataSource.class).getPassword());
        } finally {
            ds.deactivate();
        }
    }

    /** The distribution's lib/postgresql, made once for the class as the build makes it; a table marks its schema. */
    private static Path prepared;

    private static Path prepared() throws Exception {
        if (prepared == null) {
            prepared = binDir.resolveSibling(binDir.getFileName() + "-prepared");
            EmbeddedTemplate.build(prepared, c -> {
                try (c; Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE migrated (v text)");
                    s.execute("INSERT INTO migrated VALUES ('by the build')");
                }
            });
        }
        return prepared;
    }

    @AfterClass
    public static void deletePrepared() throws IOException {
        if (prepared != null) {
            EmbeddedBinaries.deleteTree(prepared);
        }
    }

    @Test
    public void theBuildsTemplateHoldsTheSchemaAndNoPassword() throws Exception {
        Path template = prepared().resolve(EmbeddedTemplate.DIRECTORY);
        assertTrue(Files.isRegularFile(template.resolve(EmbeddedTemplate.MARK)));
        for (String leftover : List.of(EmbeddedCredentials.PASSWORD_FILE, "postmaster.pid", "postmaster.opts")) {
            assertFalse(leftover, Files.exists(template.resolve(leftover)));
        }
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(prepared())));
        EmbeddedBinaries binaries = EmbeddedBinaries.packed();
        assertTrue(EmbeddedBinaries.isRunnable(prepared().resolve(binaries.directoryName())));
    }

    @Test
    public void aFirstStartFromTheTemplateHasThePasswordOfItsOwnInstallation() throws Exception {
        Path first = dataDir();
        Path second = tmp.newFolder("other").toPath().resolve("postgres");
        Path firstBin = tmp.newFolder("first-bin").toPath();
        // as an archiver may leave them: the ready mark older than the binaries' directories
        Path mark = prepared().resolve(EmbeddedBinaries.packed().directoryName()).resolve(EmbeddedBinaries.READY_MARK);
        Files.setLastModifiedTime(mark, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        try (EmbeddedDatabase a = EmbeddedDatabase.start(first, firstBin, 0, 20, prepared());
             EmbeddedDatabase b = EmbeddedDatabase.start(second, tmp.newFolder("second-bin").toPath(), 0, 20, prepared())) {
            assertLockedDown(a, first);
            assertLockedDown(b, second);
            assertNotEquals(a.password(), b.password());
            assertRefused(b.port(), a.password());
            try (Connection c = connect(a.port(), a.password()); Statement s = c.createStatement()) {
                assertEquals("by the build", queryOne(c, "SELECT v FROM migrated"));
                // past the template's one WAL segment: PostgreSQL makes the next ones
                s.execute("CREATE TABLE written AS SELECT g AS n, repeat('x', 500) AS pad FROM generate_series(1, 60000) g");
            }
            assertFalse(Files.exists(first.resolve(EmbeddedTemplate.MARK)));
            assertFalse(Files.exists(first.resolveSibling("postgres.from-template")));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first)));
            // the distribution's binaries, used where they are
            Path pgDir = firstBin.resolve(EmbeddedBinaries.packed().directoryName());
            assertTrue(Files.isSymbolicLink(pgDir.resolve("bin")));
            assertTrue(EmbeddedBinaries.isReady(pgDir));
        }
        String password = new String(Files.readAllBytes(first.resolve(EmbeddedCredentials.PASSWORD_FILE))).strip();
        try (EmbeddedDatabase a = EmbeddedDatabase.start(first, firstBin, 0, 20, prepared())) {
            assertEquals(password, a.password());
            assertLockedDown(a, first);
            try (Connection c = connect(a.port(), a.password())) {
                assertEquals("60000", queryOne(c, "SELECT count(*) FROM written"));
            }
        }
    }

    @Test
    public void aTemplateMadeWithOtherBinariesIsNotUsed() throws Exception {
        Path mark = prepared().resolve(EmbeddedTemplate.DIRECTORY).resolve(EmbeddedTemplate.MARK);
        String made = Files.readString(mark);
        Files.writeString(mark, "0123456789abcdef0123456789abcdef\n");
        Path dataDir = dataDir();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, binDir, 0, 20, prepared())) {
            assertLockedDown(db, dataDir);
            try (Connection c = connect(db.port(), db.password())) {
                assertEquals("0", queryOne(c, "SELECT count(*) FROM pg_tables WHERE tablename = 'migrated'"));
            }
        } finally {
            Files.writeString(mark, made);
        }
    }

    @Test
    public void aTemplateCopyThatFailsLeavesNothingBehind() throws Exception {
        Path dataDir = dataDir();
        Files.createDirectories(dataDir);
        Path noBinaries = tmp.newFolder("no-binaries").toPath();
        try {
            EmbeddedTemplate.copy(prepared().resolve(EmbeddedTemplate.DIRECTORY), dataDir, noBinaries,
                    EmbeddedBinaries.packed(), EmbeddedCredentials.newPassword());
            fail("the password cannot be set without binaries");
        } catch (IOException expected) {
            // the start then runs initdb
        }
        assertFalse(Files.exists(dataDir.resolveSibling("postgres.from-template")));
        assertFalse(Files.exists(dataDir.resolve("postgresql.conf")));
    }
}
