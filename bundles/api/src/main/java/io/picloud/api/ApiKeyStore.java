package io.picloud.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * API keys in PostgreSQL, stored as SHA-256 hashes with a clear prefix to find them. After a revocation or a user's
 * deactivation commits, {@code NOTIFY} tells every container (see {@link #addChangeListener}). Methods throw
 * {@link StoreUnavailableException} while the database cannot be reached.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ApiKeyStore {
    long insert(long userId, String name, String keyHash, String prefix, Role role, Instant expiresAt,
                Set<String> scripts);

    /** The keys with this prefix (normally one), revoked or not. */
    List<StoredKey> byPrefix(String prefix);

    Optional<StoredKey> find(long id);

    /** The keys of one user, or of everyone when {@code userId} is null; newest last. */
    List<StoredKey> list(Long userId);

    /** False when no such key or already revoked. */
    boolean revoke(long id);

    /** Records when keys were last used, in one statement (batched by the caller). */
    void touch(Map<Long, Instant> lastUsed);

    /** Called on every container after any key or user change commits anywhere; used to drop caches. */
    void addChangeListener(Runnable listener);

    void removeChangeListener(Runnable listener);
}
