package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.Test;
import org.osgi.framework.Bundle;

/**
 * The all-in-one distribution's first start on its embedded PostgreSQL, as a new user starts it: the data directory
 * is made from the distribution's build-time template (no initdb, no migration, Liquibase not even started), with a
 * superuser password of this installation's own.
 */
public class EmbeddedDatabaseIT extends PicloudTestSupport {

    @Override
    protected boolean embeddedDatabase() {
        return true;
    }

    private static Path picloudData() {
        return Path.of(System.getProperty("karaf.data"), "picloud");
    }

    private static List<String> log() throws Exception {
        return Files.readAllLines(Path.of(System.getProperty("karaf.data"), "log", "karaf.log"));
    }

    private static String queryOne(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(sql, rs.next());
            return rs.getString(1);
        }
    }

    @Test
    public void theFirstStartCopiesTheTemplateWithAPasswordOfItsOwn() throws Exception {
        awaitReady();
        assertTrue(log().stream().anyMatch(l -> l.contains("made from the distribution's template")));
        Path dataDir = picloudData().resolve("postgres");
        assertFalse(Files.exists(dataDir.resolve("picloud-template")));
        assertFalse(Files.exists(dataDir.resolveSibling("postgres.from-template")));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(picloudData())));
        Path password = dataDir.resolve("picloud-password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password)));
        assertTrue(Files.readString(password).strip().length() >= 40);

        DataSource ds = awaitService(DataSource.class, "(dataSourceName=picloud)", java.time.Duration.ofSeconds(60));
        assertEquals("picloud", queryOne(ds, "SELECT current_database()"));
        assertTrue(queryOne(ds, "SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'").startsWith("SCRAM-SHA-256$"));
        assertEquals("0", queryOne(ds, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'trust'"));
        // the schema came with the template: every change set recorded, none applied by this start
        assertTrue(Integer.parseInt(queryOne(ds, "SELECT count(*) FROM databasechangelog")) >= 24);
        assertFalse(log().stream().anyMatch(l -> l.contains("Applying schema change")));
        // the owner was bootstrapped into it
        assertEquals("1", queryOne(ds, "SELECT count(*) FROM users WHERE role = 'owner'"));
    }

    @Test
    public void liquibaseIsNotStartedWhenTheSchemaIsCurrent() throws Exception {
        awaitReady();
        Bundle liquibase = null;
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName().equals("org.liquibase.core")) {
                liquibase = b;
            }
        }
        assertTrue("the liquibase-core bundle is installed", liquibase != null);
        assertEquals(Bundle.RESOLVED, liquibase.getState());
    }
}
