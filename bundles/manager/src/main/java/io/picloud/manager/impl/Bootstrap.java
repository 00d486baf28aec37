package io.picloud.manager.impl;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import io.picloud.access.ApiKeys;
import io.picloud.api.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start: when there is no user, creates the owner {@code owner} with one API key, the configured bootstrap
 * token when there is one (at least {@link #MIN_TOKEN_LENGTH} characters), else a random key that is logged once
 * and written to a 0600 file. The owner then chooses a username and password ({@code PATCH /api/v1/me}). At every
 * start, more than one active owner is worth a warning.
 */
final class Bootstrap {
    static final String OWNER_NAME = "owner";
    static final String TOKEN_FILE = "bootstrap-token";
    static final int MIN_TOKEN_LENGTH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

    private Bootstrap() {
    }

    /**
     * @param configuredToken the token from the environment or the configuration; blank for a random one
     * @param dataDir         where to write the random token; null when unknown
     * @return true when the owner was created now
     */
    static boolean run(UserStore users, String configuredToken, Path dataDir) throws IOException {
        boolean random = configuredToken == null || configuredToken.isBlank();
        if (!random && configuredToken.strip().length() < MIN_TOKEN_LENGTH) {
            LOG.error("The configured bootstrap token (PICLOUD_BOOTSTRAP_TOKEN or .bootstrapToken in "
                    + "io.picloud.manager.cfg) has fewer than {} characters and is refused: no owner is created. "
                    + "Set a longer random value, or none for a generated one, and restart.", MIN_TOKEN_LENGTH);
            warnAboutOwners(users); // "at every start", also with a bad token on a database that has its owners
            return false;
        }
        String key = random ? ApiKeys.newKey() : configuredToken.strip();
        if (users.createFirstOwner(OWNER_NAME, "bootstrap", ApiKeys.hash(key), ApiKeys.prefix(key)).isEmpty()) {
            warnAboutOwners(users);
            return false;
        }
        if (random && dataDir != null) {
            writeTokenFile(dataDir.resolve(TOKEN_FILE), key);
        }
        if (random) {
            LOG.info("Created the owner user '{}' with the API key {} (shown once; also in {}). Open the dashboard "
                    + "or PATCH /api/v1/me with it to choose the owner's username and password.", OWNER_NAME, key,
                    dataDir == null ? "no file: data directory unknown" : dataDir.resolve(TOKEN_FILE));
        } else {
            LOG.info("Created the owner user '{}' with the configured bootstrap token as its API key", OWNER_NAME);
        }
        return true;
    }

    /** One WARN naming the active owners when there are several; a database error only logs. */
    static void warnAboutOwners(UserStore users) {
        try {
            List<String> owners = users.activeOwners();
            if (owners.size() > 1) {
                LOG.warn("{} active owners exist ({}); owners can do everything, keep just one: demote or deactivate "
                        + "the others with PATCH /api/v1/admin/admins/{id}", owners.size(), String.join(", ", owners));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not check the number of owners: {}", e.toString());
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
