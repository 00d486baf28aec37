package io.picloud.api;

import java.util.Optional;

/**
 * The manager's view of its database: reachable and migrated, or the reason it is not. Implemented by the
 * manager; read by {@code GET /api/v1/health} and shell commands.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ManagerHealth {
    /** Empty when the database answers and its schema is current, else a short human-readable reason. */
    Optional<String> problem();
}
