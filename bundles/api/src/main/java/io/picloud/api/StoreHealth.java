package io.picloud.api;

import java.util.Optional;

/**
 * Whether the stores can reach PostgreSQL now: the store bundle's own view, which every store's calls depend on.
 * A health check that answers "ok" must agree with it, or a client would be told to go ahead and get 503s.
 */
@org.osgi.annotation.versioning.ProviderType
public interface StoreHealth {
    /** Empty when the schema is current and the last contact worked; else what is wrong (recovery runs by itself). */
    Optional<String> problem();
}
