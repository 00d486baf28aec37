package io.picloud.manager.impl;

import io.picloud.store.sql.Sql;

import java.security.SecureRandom;
import java.util.Base64;

/** API key format and storage: {@code pc_} + 32 random bytes (base64url); stored as SHA-256 hex plus a prefix. */
final class ApiKeys {
    static final String KEY_START = "pc_";
    static final int PREFIX_LENGTH = 11;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return KEY_START + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The part of a key stored in clear to find it and to show it in lists. */
    static String prefix(String key) {
        return key.substring(0, Math.min(PREFIX_LENGTH, key.length() / 3));
    }

    static String hash(String key) {
        return Sql.sha256Hex(key);
    }
}
