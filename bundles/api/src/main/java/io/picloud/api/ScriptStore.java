package io.picloud.api;

import java.util.List;
import java.util.Optional;

/**
 * Scripts and their immutable versions, in PostgreSQL. Every method is transactional and thread-safe.
 * Methods throw {@link StoreUnavailableException} while the database cannot be reached.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ScriptStore {
    /** Stores {@code source} as a new version of {@code name} and makes it active. Compilation is the caller's job. */
    DeployResult deploy(String name, String source);

    /** Like {@link #deploy(String, String)}, recording who deployed ({@code createdBy} may be null). */
    default DeployResult deploy(String name, String source, String createdBy) {
        return deploy(name, source);
    }

    /** The active version, or empty when no such script exists. */
    Optional<ScriptVersion> active(String name);

    List<ScriptSummary> list();

    /** One script's summary (as in {@link #list}), or empty when no such script exists. */
    default Optional<ScriptSummary> summary(String name) {
        return list().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** All versions, newest first; empty when no such script exists. */
    List<ScriptVersion> versions(String name);

    /** Makes an existing version active again; empty when the script or the version does not exist. */
    Optional<ScriptVersion> rollback(String name, int version);

    /** Deletes the script and all its versions; false when it did not exist. */
    boolean delete(String name);

    /**
     * Deploys as a user: a new script is owned by {@code deployerId}; an existing one keeps its owner, and when
     * that is someone else and {@code mayReplaceOthers} is false, nothing is written.
     *
     * @throws io.picloud.api.control.OperationException FORBIDDEN naming the owner's username
     */
    DeployResult deploy(String name, String source, long deployerId, String createdBy, boolean mayReplaceOthers);

    /** Who owns the script and its access; empty when no such script. */
    Optional<ScriptOwner> owner(String name);

    /** Changes what is not null; false when no such script. */
    boolean updateSettings(String name, Long ownerId, ScriptAccess access);

    /** The script's host-API settings; empty when no such script. */
    default Optional<ScriptSettings> settings(String name) {
        return Optional.empty();
    }

    /** Replaces the script's host-API settings; false when no such script. Seen at the script's next run. */
    default boolean updateSettings(String name, ScriptSettings settings) {
        return false;
    }

    /** The scripts whose kv namespace is {@code namespace} (their own name or a shared one), by name. */
    default java.util.List<String> scriptsUsingNamespace(String namespace) {
        return java.util.List.of();
    }

    /**
     * Adds a listener told like the whiteboard's {@link ScriptChangeListener}s, for components that use this store
     * and so cannot be one of its whiteboard listeners (that would be a circular reference).
     */
    default void addChangeListener(ScriptChangeListener listener) {
    }

    default void removeChangeListener(ScriptChangeListener listener) {
    }
}
