package io.picloud.api;

import java.time.Instant;
import java.util.List;

/**
 * One container of the cluster, as its last heartbeat in {@link ClusterNodeStore} left it.
 *
 * @param node      the container's node name (the one its binding statuses carry)
 * @param roles     what it runs: {@code manager}, {@code node} or both (all-in-one)
 * @param product   its product version
 * @param startedAt when its JVM started
 * @param seenAt    its last heartbeat (the database's clock)
 * @param up        true when that heartbeat is recent enough (see {@link ClusterNodeStore#list})
 */
public record ClusterNode(String node, List<String> roles, String product, Instant startedAt, Instant seenAt,
                          boolean up) {
    public ClusterNode {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
