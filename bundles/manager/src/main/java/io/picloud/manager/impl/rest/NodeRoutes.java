package io.picloud.manager.impl.rest;

import io.picloud.api.control.ClusterService;

/** {@code /nodes} over the {@link ClusterService}: the cluster's containers and whether each is up. */
final class NodeRoutes {
    private final ClusterService cluster;

    NodeRoutes(ClusterService cluster) {
        this.cluster = cluster;
    }

    void register(RouteTable t) {
        t.add("GET", "/nodes", c -> ApiResponse.ok(new Bodies.Nodes(cluster.nodes(c.principal()).stream()
                .map(Bodies.ClusterNode::of).toList())));
    }
}
