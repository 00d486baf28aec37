package io.picloud.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Browser sessions and failed logins in PostgreSQL, so that a session is valid on every node. Tokens are stored as
 * SHA-256 hashes. Methods throw {@link StoreUnavailableException} while the database cannot be reached.
 */
@org.osgi.annotation.versioning.ProviderType
public interface SessionStore {
    void create(long userId, String tokenHash);

    /**
     * The session of an active user whose last use is within {@code idle} and whose start is within
     * {@code absolute}; its last use becomes now when older than a minute.
     */
    Optional<StoredSession> find(String tokenHash, Duration idle, Duration absolute);

    /** False when no such session. */
    boolean delete(String tokenHash);

    void deleteForUser(long userId);

    void recordFailedLogin(String username, String address);

    /** Failed logins since {@code since} for this username, and from this address. */
    long[] failedLogins(String username, String address, Instant since);

    /** When the oldest failure counted in a window that started at {@code since} was. */
    Optional<Instant> oldestFailure(String username, String address, Instant since);

    /** Deletes expired sessions and old failed logins. */
    void purge(Duration absolute, Duration failureWindow);
}
