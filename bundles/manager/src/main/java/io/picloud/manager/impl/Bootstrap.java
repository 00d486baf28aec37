package io.picloud.manager.impl;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start: when the users table is empty, creates the owner {@code owner} with one API key. The key is the
 * configured bootstrap token when there is one, else a random key that is logged once and written to a 0600 file.
 */
final class Bootstrap {
    static final String OWNER_NAME = "owner";
    static final String TOKEN_FILE = "bootstrap-token";
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

    private Bootstrap() {
    }

    /**
     * @param configuredToken the token from the environment or the configuration; blank for a random one
     * @param dataDir         where to write the random token; null when unknown
     * @return true when the owner was created now
     */
    static boolean run(Connection c, String configuredToken, Path dataDir) throws SQLException, IOException {
        boolean random = configuredToken == null || configuredToken.isBlank();
        String key = random ? ApiKeys.newKey() : configuredToken.strip();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE");
                try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM users)")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        c.rollback();
                        warnAboutOwners(c);
                        return false;
                    }
                }
            }
            long userId;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO users (name, role, active) VALUES (?, 'owner', TRUE) RETURNING id")) {
                ps.setString(1, OWNER_NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    userId = rs.getLong(1);
                }
            }
            ApiKeys.insertKey(c, userId, "bootstrap", key);
            if (random && dataDir != null) {
                writeTokenFile(dataDir.resolve(TOKEN_FILE), key);
            }
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        if (random) {
            LOG.info("Created the owner user '{}' with the API key {} (shown once; also in {}). Use it as "
                    + "'Authorization: Bearer <key>' and create other keys.", OWNER_NAME, key,
                    dataDir == null ? "no file: data directory unknown" : dataDir.resolve(TOKEN_FILE));
        } else {
            LOG.info("Created the owner user '{}' with the configured bootstrap token as its API key", OWNER_NAME);
        }
        return true;
    }

    private static void warnAboutOwners(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM users WHERE role = 'owner' AND active")) {
            rs.next();
            long owners = rs.getLong(1);
            if (owners > 1) {
                LOG.warn("{} active owners exist; owners can do everything, keep just one", owners);
            }
        }
    }

    private static void writeTokenFile(Path file, String key) throws IOException {
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            Files.deleteIfExists(file);
            Files.createFile(file);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write(key);
            w.write('\n');
        }
    }
}
