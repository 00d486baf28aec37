package io.picloud.api;

import java.util.List;
import java.util.Optional;

/**
 * Control-plane users' API keys, in PostgreSQL (keys stored as SHA-256 hashes, compared in constant time).
 * Used by the REST API for {@code Authorization: Bearer <key>} and by shell commands to manage keys.
 * Methods throw {@link StoreUnavailableException} while the database cannot be reached.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ApiKeyService {
    /** The active user and unrevoked key that {@code key} belongs to, or empty. */
    Optional<ApiPrincipal> authenticate(String key);

    /**
     * Creates a new key for an existing active user.
     *
     * @return the key in clear text: shown once, it cannot be read back later
     * @throws IllegalArgumentException when the user does not exist or is inactive
     */
    String createKey(String userName, String keyName);

    List<ApiKeyInfo> listKeys();

    /** False when no such key exists. */
    boolean revokeKey(long id);
}
