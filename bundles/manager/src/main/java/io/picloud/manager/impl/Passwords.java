package io.picloud.manager.impl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.picloud.api.control.OperationException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password policy and hashing: at least {@link #MIN_LENGTH} characters, not in the shipped list of common
 * passwords, hashed with Argon2id at OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane) in the PHC string
 * format, so the parameters can be raised later without invalidating stored hashes.
 */
final class Passwords {
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 1024;
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    /** nbvcxz's list of common passwords, copied into the bundle at build time (see the pom). */
    static final String COMMON_LIST = "/dictionaries/passwords.txt";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final Set<String> COMMON = load();
    /** A hash to verify against when the user does not exist, so both cases take the same time. */
    private static final String DUMMY = hash("not a password of anyone");

    private Passwords() {
    }

    /** Throws INVALID naming {@code field} when the password breaks the policy. */
    static void check(String password, String username, String field) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw OperationException.invalid(field, "the password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw OperationException.invalid(field, "the password must have at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || password.chars().distinct().count() < 4
                || (username != null && lower.contains(username.toLowerCase(Locale.ROOT)))) {
            throw new OperationException(OperationException.Kind.INVALID, "weak_password",
                    "the password is too common or too easy to guess; choose another", field, 0, null);
        }
    }

    static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Compares in constant time; a null or malformed {@code stored} hash never matches (but costs the same). */
    static boolean verify(String password, String stored) {
        String phc = stored == null ? DUMMY : stored;
        try {
            String[] parts = phc.split("\\$");
            if (parts.length != 6 || !parts[1].equals("argon2id")) {
                verify(password, null); // the same work as a real check
                return false;
            }
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                int v = Integer.parseInt(kv.substring(2));
                switch (kv.charAt(0)) {
                    case 'm' -> m = v;
                    case 't' -> t = v;
                    case 'p' -> p = v;
                    default -> throw new IllegalArgumentException(kv);
                }
            }
            byte[] expected = B64D.decode(parts[5]);
            byte[] actual = argon2(password == null ? "" : password, B64D.decode(parts[4]), m, t, p);
            return MessageDigest.isEqual(expected, actual) && stored != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism)
                .build());
        byte[] out = new byte[HASH_BYTES];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    /** The shipped list, lower-cased; only entries long enough to pass the length rule are kept. */
    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        try (InputStream in = Passwords.class.getResourceAsStream(COMMON_LIST)) {
            if (in == null) {
                throw new IllegalStateException(COMMON_LIST + " is missing from the manager bundle");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.length() >= MIN_LENGTH) {
                    out.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(COMMON_LIST + " cannot be read", e);
        }
        if (out.size() < 1000) {
            throw new IllegalStateException(COMMON_LIST + " holds only " + out.size() + " usable entries");
        }
        return out;
    }
}
