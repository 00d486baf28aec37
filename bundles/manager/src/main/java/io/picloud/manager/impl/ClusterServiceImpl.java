package io.picloud.manager.impl;

import java.time.Duration;
import java.util.List;

import io.picloud.api.ClusterNode;
import io.picloud.api.ClusterNodeStore;
import io.picloud.api.control.ClusterService;
import io.picloud.api.control.Principal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link ClusterService} over the heartbeats every container writes. */
@Component(service = ClusterService.class)
public class ClusterServiceImpl implements ClusterService {
    /** Up while the last heartbeat is younger than three intervals. */
    static final Duration FRESHNESS = ClusterNodeStore.HEARTBEAT_INTERVAL.multipliedBy(
            ClusterNodeStore.MISSED_HEARTBEATS);
    private final ClusterNodeStore store;

    @Activate
    public ClusterServiceImpl(@Reference ClusterNodeStore store) {
        this.store = store;
    }

    @Override
    public List<ClusterNode> nodes(Principal p) {
        Authz.read(p);
        return store.list(FRESHNESS);
    }
}
