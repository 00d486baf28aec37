package io.picloud.api;

import java.util.List;
import java.util.Optional;

/**
 * Control-plane users in PostgreSQL. Changes that could leave PiCloud without an active owner are refused inside
 * their transaction ({@link io.picloud.api.control.OperationException} CONFLICT). Methods throw
 * {@link StoreUnavailableException} while the database cannot be reached.
 */
@org.osgi.annotation.versioning.ProviderType
public interface UserStore {
    /** @throws io.picloud.api.control.OperationException CONFLICT when the username is taken */
    User create(String username, String passwordHash, Role role);

    /**
     * Creates the first owner, without a password, with one API key (given by its hash and prefix), in one
     * transaction and only when there is no user at all; else empty.
     */
    Optional<User> createFirstOwner(String username, String keyName, String keyHash, String keyPrefix);

    Optional<User> find(long id);

    Optional<User> findByName(String username);

    List<User> list();

    /** The stored password hash of an active user, or empty (no such active user, or no password set). */
    Optional<String> passwordHash(String username);

    /**
     * Changes what is not null. Deactivating ends the user's sessions in the same transaction.
     *
     * @return the user after the change; empty when no such user
     */
    Optional<User> update(long id, Role role, Boolean active, String passwordHash, String username);

    /** Deletes a user who owns nothing; false when no such user. The caller deactivates owners of scripts instead. */
    boolean delete(long id);

    /** Number of scripts the user owns. */
    int ownedScripts(long id);

    /** Usernames of the active owners. */
    List<String> activeOwners();
}
