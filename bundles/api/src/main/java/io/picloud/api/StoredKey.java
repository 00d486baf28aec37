package io.picloud.api;

import java.time.Instant;
import java.util.Set;

/**
 * An API key as stored: its hash, never the key.
 *
 * @param role      the key's own role; null for the user's role
 * @param expiresAt null for a key that does not expire
 * @param scripts   an invoke-only key's scripts; empty for a full key
 */
public record StoredKey(long id, long userId, String username, Role userRole, boolean userActive, String name,
                        String keyHash, String prefix, Role role, Instant createdAt, Instant expiresAt,
                        Instant lastUsedAt, boolean revoked, Set<String> scripts) {
    public StoredKey {
        scripts = scripts == null ? Set.of() : Set.copyOf(scripts);
    }
}
