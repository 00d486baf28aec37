package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeFalse;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real distribution upgrades a database of schema version 3 that holds data: before the container boots, the
 * class's database is migrated to schema 3 only (the store's changelogs 0001-0003, with Liquibase in the test JVM)
 * and filled with plain JDBC as a PiCloud of that version left it: an admin, the first owner with an API key, a
 * developer, two scripts with versions and an http trigger binding. PiCloud then migrates it to schema 4 at start:
 * the scripts and the binding go to the first owner, stay public, and the old key keeps working.
 */
public class MigrationIT extends PicloudTestSupport {

    static final String PROP_OLD_OWNER_KEY = "picloud.it.migration.oldOwnerKey";
    static final String OWNER = "migrated-owner";
    static final String HELLO = "old-hello";
    static final String ANSWER = "old-answer";
    static final String BINDING = "old-route";

    private static final Duration BOOT = Duration.ofSeconds(90);

    /** The first owner's key, made in the test JVM (once: Pax Exam may build the configuration more than once). */
    private static final String OLD_OWNER_KEY = "pc_" + randomHex(32);

    @Override
    protected void prepareDatabase(PGSimpleDataSource database) throws Exception {
        Schema3.fill(database, OLD_OWNER_KEY);
    }

    @Override
    protected Option[] extraOptions() {
        return new Option[] {systemProperty(PROP_OLD_OWNER_KEY).value(OLD_OWNER_KEY)};
    }

    /** Every call of the support class (createUser, call...) goes with the migrated owner's old key. */
    @Override
    protected String ownerApiKey() {
        return System.getProperty(PROP_OLD_OWNER_KEY);
    }

    @Before
    public void upgraded() throws Exception {
        assumeFalse("MigrationIT needs the PostgreSQL at 127.0.0.1:5432 (the embedded one cannot be pre-filled)",
                "embedded".equals(databaseUrl()));
        awaitReady();
    }

    @Test
    public void schema3DataIsUpgradedToSchema4() throws Exception {
        HttpResponse<String> version = get("/api/v1/version");
        assertEquals(version.body(), 200, version.statusCode());
        assertTrue(version.body(), version.body().contains("\"schema\":7}"));

        // the old owner key still works, the bootstrap token made no second owner on a database with users
        HttpResponse<String> me = call("GET", "/api/v1/me", null, null);
        assertEquals(me.body(), 200, me.statusCode());
        assertTrue(me.body(), me.body().contains("\"username\":\"" + OWNER + "\""));
        assertTrue(me.body(), me.body().contains("\"role\":\"owner\""));
        HttpResponse<String> bootstrap = callWith(System.getProperty(PROP_OWNER_KEY), "GET", "/api/v1/me", null, null);
        assertEquals(bootstrap.body(), 401, bootstrap.statusCode());

        HttpResponse<String> scripts = call("GET", "/api/v1/scripts", null, null);
        assertEquals(scripts.body(), 200, scripts.statusCode());
        for (String name : new String[] {HELLO, ANSWER}) {
            assertTrue(name + " owned by " + OWNER + ", public: " + scripts.body(), Pattern.compile(
                    "\\{\"name\":\"" + name + "\",[^}]*\"owner\":\"" + OWNER + "\",\"access\":\"public\"}")
                    .matcher(scripts.body()).find());
        }
        assertTrue(scripts.body(), scripts.body().contains("\"name\":\"" + HELLO + "\",\"activeVersion\":2,"));

        HttpResponse<String> triggers = call("GET", "/api/v1/triggers", null, null);
        assertEquals(triggers.body(), 200, triggers.statusCode());
        assertTrue(triggers.body(), triggers.body().contains("\"id\":\"" + BINDING + "\""));
        HttpResponse<String> binding = call("GET", "/api/v1/triggers/" + BINDING, null, null);
        assertEquals(binding.body(), 200, binding.statusCode());
        assertTrue(binding.body(), binding.body().contains("\"script\":\"" + HELLO + "\""));
        assertTrue(binding.body(), binding.body().contains("\"owner\":\"" + OWNER + "\""));

        // the migrated scripts answer, anonymously (public), with their active version
        await("/fn/" + HELLO + " to answer", BOOT, () -> get("/fn/" + HELLO).statusCode() == 200);
        assertEquals("Hello from schema 3", get("/fn/" + HELLO).body());
        HttpResponse<String> answer = get("/fn/" + ANSWER);
        assertEquals(answer.body(), 200, answer.statusCode());
        assertEquals("42", answer.body().strip());

        // a developer made now may not change them: they belong to the first owner
        TestUser dev = createUser("developer");
        HttpResponse<String> put = callWith(dev.key(), "PUT", "/api/v1/scripts/" + HELLO, "text/plain", "\"mine\"");
        assertEquals(put.body(), 403, put.statusCode());
        assertTrue(put.body(), put.body().contains("belongs to " + OWNER));
        HttpResponse<String> delete = callWith(dev.key(), "DELETE", "/api/v1/scripts/" + ANSWER, null, null);
        assertEquals(delete.body(), 403, delete.statusCode());
        assertTrue(delete.body(), delete.body().contains("belongs to " + OWNER));
        assertEquals("Hello from schema 3", get("/fn/" + HELLO).body());
    }

    /** Runs in the test JVM only (Liquibase is not in the container). */
    static final class Schema3 {
        private Schema3() {
        }

        static void fill(PGSimpleDataSource database, String ownerKey) throws Exception {
            try (Connection c = database.getConnection()) {
                Scope3.migrate(c);
            }
            try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT max(substring(id FROM '^(\\d{4})-')::int) "
                        + "FROM databasechangelog")) {
                    rs.next();
                    if (rs.getInt(1) != 3) {
                        throw new IllegalStateException("not at schema 3: " + rs.getInt(1));
                    }
                }
                s.execute("INSERT INTO users (name, role) VALUES ('old-admin', 'admin'), ('" + OWNER + "', 'owner'), "
                        + "('old-dev', 'developer')");
                // as the store keeps keys (ApiKeys): the hex SHA-256 and the first min(11, length/3) characters
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (user_id, name, key_hash, "
                        + "prefix) SELECT id, 'bootstrap', ?, ? FROM users WHERE name = ?")) {
                    ps.setString(1, sha256(ownerKey));
                    ps.setString(2, ownerKey.substring(0, Math.min(11, ownerKey.length() / 3)));
                    ps.setString(3, OWNER);
                    assertEquals(1, ps.executeUpdate());
                }
                c.setAutoCommit(false); // active_version's foreign key is checked at commit
                insertScript(c, HELLO, 2, Map.of(1, "\"v1\"", 2, "\"Hello from schema 3\""), OWNER);
                insertScript(c, ANSWER, 1, Map.of(1, "40 + 2"), "old-dev");
                c.commit();
                c.setAutoCommit(true);
                s.execute("INSERT INTO trigger_bindings (id, type, script, config) VALUES ('" + BINDING + "', "
                        + "'http', '" + HELLO + "', '{\"method\": \"GET\", \"path\": \"/old-hello\"}')");
            }
        }

        private static void insertScript(Connection c, String name, int active, Map<Integer, String> versions,
                                         String by) throws Exception {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO scripts (name, active_version) VALUES (?, ?)")) {
                ps.setString(1, name);
                ps.setInt(2, active);
                ps.executeUpdate();
            }
            for (Map.Entry<Integer, String> v : versions.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO script_versions "
                        + "(name, version, hash, source, created_by) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, name);
                    ps.setInt(2, v.getKey());
                    ps.setString(3, sha256(v.getValue()));
                    ps.setString(4, v.getValue());
                    ps.setString(5, by);
                    ps.executeUpdate();
                }
            }
        }

        static String sha256(String text) throws Exception {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Liquibase's part, kept in its own class so that nothing in the container ever loads a Liquibase type. */
    static final class Scope3 {
        private Scope3() {
        }

        /** Applies {@code db/changelog/schema3-only.yaml} (this module's copy, including the store jar's files). */
        @SuppressWarnings("deprecation")
        static void migrate(Connection c) throws Exception {
            liquibase.Scope.child(Map.of("liquibase.analytics.enabled", Boolean.FALSE), () -> {
                liquibase.database.Database db = liquibase.database.DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new liquibase.database.jvm.JdbcConnection(c));
                try (liquibase.Liquibase lb = new liquibase.Liquibase("db/changelog/schema3-only.yaml",
                        new liquibase.resource.ClassLoaderResourceAccessor(MigrationIT.class.getClassLoader()), db)) {
                    lb.update(new liquibase.Contexts(), new liquibase.LabelExpression());
                }
            });
        }
    }
}
