package io.picloud.database.impl;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The configuration after the environment fallbacks are applied. {@code url} is null for the embedded database;
 * {@code prepared} is the distribution's {@code lib/postgresql} (binaries and first-start template made at build
 * time), null outside a distribution.
 */
record DatabaseSettings(String url, String user, String password, Path dataDir, int embeddedPort, int poolMaxSize,
                        long connectionTimeoutMs, Path prepared) {

    static final String ENV_URL = "PICLOUD_DB_URL";
    static final String ENV_USER = "PICLOUD_DB_USER";
    static final String ENV_PASSWORD = "PICLOUD_DB_PASSWORD";
    static final String ENV_DATA_DIR = "PICLOUD_DATA_DIR";

    boolean embedded() {
        return url == null;
    }

    Path embeddedDataDir() {
        return dataDir.resolve("postgres");
    }

    Path embeddedBinDir() {
        return dataDir.resolve("postgres-bin");
    }

    /**
     * Applies, for each value, the configured value, else the environment variable, else the default.
     * {@code env} and {@code sysprops} return null for unknown names.
     */
    static DatabaseSettings resolve(DatabaseConfig config, UnaryOperator<String> env, UnaryOperator<String> sysprops) {
        String url = pick(config.url(), env.apply(ENV_URL), null);
        String user = pick(config.user(), env.apply(ENV_USER), "postgres");
        String password = pick(config.password(), env.apply(ENV_PASSWORD), "");
        String karafData = sysprops.apply("karaf.data");
        String defaultDir = karafData != null ? Path.of(karafData, "picloud").toString() : Path.of("data", "picloud").toString();
        String dataDir = pick(config.dataDir(), env.apply(ENV_DATA_DIR), defaultDir);
        String home = sysprops.apply("karaf.home");
        Path prepared = home == null ? null : Path.of(home, "lib", "postgresql").toAbsolutePath().normalize();
        return new DatabaseSettings(url, user, password, Path.of(dataDir).toAbsolutePath().normalize(),
                Math.max(0, config.embeddedPort()), Math.max(1, config.poolMaxSize()),
                Math.max(250, config.connectionTimeoutMs()), prepared);
    }

    /** A value is unset when blank or when it is an interpolation placeholder nobody resolved. */
    static boolean isUnset(String value) {
        return value == null || value.isBlank() || value.trim().startsWith("${");
    }

    private static String pick(String configured, String fromEnv, String fallback) {
        if (!isUnset(configured)) {
            return configured.trim();
        }
        if (!isUnset(fromEnv)) {
            return fromEnv.trim();
        }
        return fallback;
    }

    /** Where the database is, for logs and status: the URL without query parameters (they may hold secrets). */
    String describe() {
        if (embedded()) {
            return "embedded PostgreSQL in " + embeddedDataDir();
        }
        int q = url.indexOf('?');
        return "PostgreSQL at " + (q < 0 ? url : url.substring(0, q));
    }

    @Override
    public String toString() {
        return describe();
    }
}
