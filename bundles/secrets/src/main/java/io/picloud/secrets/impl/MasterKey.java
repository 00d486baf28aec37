package io.picloud.secrets.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster's master key: 32 bytes, written as base64. Taken from a value (the environment variable
 * {@code PICLOUD_MASTER_KEY}) or from a file that is generated, readable by its owner only, when missing.
 */
final class MasterKey {
    static final int BYTES = 32;

    private MasterKey() {
    }

    /** The key written in {@code base64}; IllegalArgumentException naming {@code source} when it is not one. */
    static SecretKey parse(String base64, String source) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not base64");
        }
        if (raw.length != BYTES) {
            throw new IllegalArgumentException(source + " must be " + BYTES + " bytes in base64 (openssl rand -base64 32)");
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** The key in {@code file}, generated first when the file does not exist. */
    static SecretKey fromFile(Path file, SecureRandom random) throws IOException {
        if (!Files.exists(file)) {
            byte[] raw = new byte[BYTES];
            random.nextBytes(raw);
            write(file, Base64.getEncoder().encodeToString(raw) + "\n");
        }
        return parse(Files.readString(file, StandardCharsets.US_ASCII), file.getFileName().toString());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            return; // another start wrote it first: use that one
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
