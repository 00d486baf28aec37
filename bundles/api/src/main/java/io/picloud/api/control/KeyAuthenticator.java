package io.picloud.api.control;

import java.util.Optional;

/**
 * Authenticates API keys on the request path, in every container: answers from a cache that is emptied whenever
 * a user or key changes anywhere, so revoked keys and deactivated users are refused on every node at once; expiry
 * is checked on each use; when a key was last used is written in batches.
 */
@org.osgi.annotation.versioning.ProviderType
public interface KeyAuthenticator {
    /** The principal of a valid key (unrevoked, unexpired, active user), or empty. */
    Optional<Principal> authenticate(String key, String address);
}
