package io.picloud.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Each node's view of each trigger binding, shared through the database: every node's trigger runtime reports its
 * own; the manager, which may run no trigger runtime itself, reads them all. Thread-safe; throws
 * {@link StoreUnavailableException} while the database cannot be reached.
 */
@org.osgi.annotation.versioning.ProviderType
public interface BindingStatusStore {
    /**
     * Replaces everything {@code node} reported before with {@code statuses} (an empty list: the node stopped) and
     * marks them seen now.
     */
    void report(String node, List<TriggerStatus> statuses);

    /** Every node's reports seen within {@code freshness}, by binding id, each list ordered by node. */
    Map<String, List<NodeBindingStatus>> statuses(Duration freshness);
}
