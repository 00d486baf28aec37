package io.picloud.database.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;

public class DatabaseSettingsTest {

    private static DatabaseConfig config(String url, String user, String password, String dataDir) {
        return new DatabaseConfig() {
            @Override public String url() { return url; }
            @Override public String user() { return user; }
            @Override public String password() { return password; }
            @Override public String dataDir() { return dataDir; }
            @Override public int embeddedPort() { return 0; }
            @Override public int poolMaxSize() { return 10; }
            @Override public long connectionTimeoutMs() { return 5000; }
            @Override public Class<? extends Annotation> annotationType() { return DatabaseConfig.class; }
        };
    }

    @Test
    public void nothingConfiguredMeansEmbeddedUnderKarafData() {
        DatabaseSettings s = DatabaseSettings.resolve(config("", "", "", ""), n -> null,
                Map.of("karaf.data", "/opt/picloud/data")::get);
        assertTrue(s.embedded());
        assertNull(s.url());
        assertEquals("postgres", s.user());
        assertEquals(Path.of("/opt/picloud/data/picloud/postgres"), s.embeddedDataDir());
    }

    @Test
    public void environmentFillsBlankValues() {
        Map<String, String> env = Map.of("PICLOUD_DB_URL", "jdbc:postgresql://db:5432/pc", "PICLOUD_DB_USER", "pc",
                "PICLOUD_DB_PASSWORD", "s3cret", "PICLOUD_DATA_DIR", "/var/lib/picloud");
        DatabaseSettings s = DatabaseSettings.resolve(config("", "", "", ""), env::get, n -> null);
        assertFalse(s.embedded());
        assertEquals("jdbc:postgresql://db:5432/pc", s.url());
        assertEquals("pc", s.user());
        assertEquals("s3cret", s.password());
        assertEquals(Path.of("/var/lib/picloud"), s.dataDir());
    }

    @Test
    public void configuredValuesWinOverEnvironment() {
        DatabaseSettings s = DatabaseSettings.resolve(config("jdbc:postgresql://a/b", "u", "p", "/d"),
                Map.of("PICLOUD_DB_URL", "jdbc:postgresql://other/x")::get, n -> null);
        assertEquals("jdbc:postgresql://a/b", s.url());
        assertEquals("u", s.user());
    }

    @Test
    public void unresolvedPlaceholdersCountAsUnset() {
        DatabaseSettings s = DatabaseSettings.resolve(config("${env:PICLOUD_DB_URL:-}", "${env:PICLOUD_DB_USER:-}", "", ""),
                Map.of("PICLOUD_DB_URL", "jdbc:postgresql://x/y")::get, n -> null);
        assertEquals("jdbc:postgresql://x/y", s.url());
        assertEquals("postgres", s.user());
    }

    @Test
    public void describeHidesQueryParameters() {
        DatabaseSettings s = DatabaseSettings.resolve(config("jdbc:postgresql://h/db?password=x", "", "", ""),
                n -> null, n -> null);
        assertEquals("PostgreSQL at jdbc:postgresql://h/db", s.describe());
    }
}
