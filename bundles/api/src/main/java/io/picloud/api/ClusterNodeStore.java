package io.picloud.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The containers of the cluster and their heartbeats, shared through the database: every container (manager,
 * node, all-in-one) writes its own row at start and at a fixed interval; the manager lists them all. Thread-safe;
 * throws {@link StoreUnavailableException} while the database cannot be reached.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ClusterNodeStore {
    /** How often every container writes its heartbeat. */
    Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    /** A container that missed this many heartbeats in a row is down. */
    int MISSED_HEARTBEATS = 3;

    /** Inserts or refreshes {@code node}'s row, seen now by the database's clock. */
    void heartbeat(String node, List<String> roles, String product, Instant startedAt);

    /** Removes {@code node}'s row: it stops cleanly (a container that vanishes instead stays, and shows down). */
    void remove(String node);

    /** Removes the rows of containers not seen for {@code unseenFor}; returns how many. */
    int prune(Duration unseenFor);

    /** Every row, by node name; {@code up} when seen within {@code freshness} by the database's clock. */
    List<ClusterNode> list(Duration freshness);
}
