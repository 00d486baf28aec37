package io.picloud.api.control;

import java.util.List;

import io.picloud.api.ClusterNode;

/** The containers of the cluster (manager, nodes, all-in-one) with whether each is up, for any principal. */
@org.osgi.annotation.versioning.ProviderType
public interface ClusterService {
    /** Every container that wrote a heartbeat, by node name; down after three missed heartbeats. */
    List<ClusterNode> nodes(Principal p);
}
