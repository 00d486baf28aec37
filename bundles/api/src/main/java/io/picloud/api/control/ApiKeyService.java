package io.picloud.api.control;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.picloud.api.Role;

/**
 * API keys ({@code pc_...}): authentication of {@code Authorization: Bearer} clients, and their management. A key
 * never has more rights than its user; revoked and expired keys are refused on every node within a second.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ApiKeyService {
    /** The principal of a valid key (unrevoked, unexpired, active user), or empty. Cached; no database trip. */
    Optional<Principal> authenticate(String key, String address);

    /** {@code role} null: the user's role. {@code scripts} non-empty: an invoke-only key for those scripts. */
    CreatedKey create(Principal p, String name, Role role, Instant expiresAt, Set<String> scripts);

    /** The caller's keys; admins and owners see everyone's. */
    List<KeyView> list(Principal p);

    void revoke(Principal p, long id);

    /** A key as listed: never the key itself. */
    record KeyView(long id, String username, String name, Role role, String prefix, Instant createdAt,
                   Instant expiresAt, Instant lastUsedAt, boolean revoked, Set<String> scripts) {
    }

    /** A new key: {@code key} is shown this once. */
    record CreatedKey(String key, KeyView info) {
    }
}
