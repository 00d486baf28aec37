package io.picloud.database.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The files that guard the embedded PostgreSQL: the superuser's password, kept owner-only ({@code 0600}) in
 * {@code <data>/postgres/picloud-password}, and the {@code pg_hba.conf} that PiCloud writes at every start
 * (password authentication, SCRAM, loopback and the Unix socket only; never {@code trust}).
 *
 * <p>Three other files may exist for a moment or on purpose:
 * <ul>
 *   <li>{@code <data>/postgres.initdb-password}: the password handed to {@code initdb} at the first start (initdb
 *   wants an empty data directory, so it cannot live inside it yet); moved into the data directory right after;
 *   <li>{@code <data>/postgres/picloud-password.new}: written by an operator to rotate the password (see
 *   docs/operations.md); set at the next start and then moved over {@code picloud-password}.
 * </ul>
 * Not thread-safe; used by {@link EmbeddedDatabase} while it starts.
 */
final class EmbeddedCredentials {

    static final String PASSWORD_FILE = "picloud-password";
    static final String ROTATION_FILE = PASSWORD_FILE + ".new";
    static final String SCRAM = "scram-sha-256";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The whole pg_hba.conf: every connection type needs the password, over TCP from loopback addresses only. */
    static final String PG_HBA = """
            # Written by PiCloud at every start of its embedded PostgreSQL: edits here are overwritten.
            # Every connection needs the password (SCRAM), whatever its origin; TCP only from this machine
            # (the server also listens on 127.0.0.1 only). The password: picloud-password in this directory.
            # TYPE  DATABASE     USER  ADDRESS        METHOD
            local   all          all                  scram-sha-256
            host    all          all   127.0.0.1/32   scram-sha-256
            host    all          all   ::1/128        scram-sha-256
            local   replication  all                  scram-sha-256
            host    replication  all   127.0.0.1/32   scram-sha-256
            host    replication  all   ::1/128        scram-sha-256
            """;

    private final Path dataDir;

    EmbeddedCredentials(Path dataDir) {
        this.dataDir = dataDir;
    }

    Path passwordFile() {
        return dataDir.resolve(PASSWORD_FILE);
    }

    Path rotationFile() {
        return dataDir.resolve(ROTATION_FILE);
    }

    Path initdbPasswordFile() {
        return dataDir.resolveSibling(dataDir.getFileName() + ".initdb-password");
    }

    Path pgHba() {
        return dataDir.resolve("pg_hba.conf");
    }

    /** A new random password: 32 bytes from {@link SecureRandom}, URL-safe Base64 (43 characters, no quoting needed). */
    static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The first line of a password file, trimmed; fails when the file is empty or holds a quote or backslash. */
    static String read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String password = lines.isEmpty() ? "" : lines.get(0).strip();
        if (password.isEmpty()) {
            throw new IOException("The password file '" + file + "' is empty");
        }
        if (password.indexOf('\'') >= 0 || password.indexOf('\\') >= 0) {
            throw new IOException("The password in '" + file + "' holds a quote or a backslash; choose another");
        }
        return password;
    }

    /**
     * Writes {@code password} to {@code file}, readable and writable by the owner only, replacing it atomically:
     * a temporary file created {@code 0600} (so the password is never readable by others, not even for a moment),
     * then renamed.
     */
    static void write(Path file, String password) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Could not create '" + tmp + "'", e);
        }
        Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Sets a file to {@code 0600} (an operator may have created the rotation file with a wider mode). */
    static void ownerOnly(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    /** Writes PiCloud's {@link #PG_HBA} over whatever pg_hba.conf holds (0600, like initdb's own). */
    void writePgHba() throws IOException {
        write(pgHba(), PG_HBA.strip());
    }

    /** The password to hand to initdb: a new one, kept in {@link #initdbPasswordFile()} (0600) until initdb is done. */
    String prepareInitdbPassword() throws IOException {
        String password = newPassword();
        write(initdbPasswordFile(), password);
        return password;
    }

    /** After initdb: the password moves into the data directory; the file handed to initdb goes. */
    void keepInitdbPassword(String password) throws IOException {
        write(passwordFile(), password);
        Files.deleteIfExists(initdbPasswordFile());
    }

    /** After the role's password was changed to {@code password}: it replaces the kept one. */
    void keep(String password) throws IOException {
        write(passwordFile(), password);
        Files.deleteIfExists(initdbPasswordFile());
        Files.deleteIfExists(rotationFile());
    }
}
