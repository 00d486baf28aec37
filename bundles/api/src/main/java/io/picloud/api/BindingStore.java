package io.picloud.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Trigger bindings, in PostgreSQL. Every method is transactional and thread-safe and throws
 * {@link StoreUnavailableException} while the database cannot be reached. After a change commits, the store calls
 * every {@link BindingChangeListener} (on this node directly, on the other nodes through the database's
 * notifications). Configurations are validated by the caller (the manager) with the trigger type before saving.
 */
@org.osgi.annotation.versioning.ProviderType
public interface BindingStore {
    /** All bindings, enabled or not, in a stable order. */
    List<StoredBinding> list();

    Optional<StoredBinding> find(String id);

    /** Creates ({@code binding.id() == null}, an id is assigned) or replaces a binding; returns what was stored. */
    StoredBinding save(StoredBinding binding);

    /** Deletes a binding; false when it did not exist. */
    boolean delete(String id);

    /**
     * Records that the binding fired at {@code time}, keeping the later of the stored and the given time. Does not
     * notify listeners. Called by the trigger runtime on every fire.
     */
    void recordFired(String id, Instant time);
}
