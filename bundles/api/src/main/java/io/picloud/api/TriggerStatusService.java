package io.picloud.api;

import java.util.List;
import java.util.Optional;

/** The trigger runtime's view of the bindings on this node, for the REST API, the dashboard and the shell. */
@org.osgi.annotation.versioning.ProviderType
public interface TriggerStatusService {
    /** Every known binding's status, ordered by binding id. */
    List<TriggerStatus> statuses();

    Optional<TriggerStatus> status(String bindingId);

    /** Ids of the trigger types installed on this node, sorted. */
    List<String> installedTypes();

    /** This node's name in {@link BindingStatusStore} reports, or null when it reports none. */
    default String node() {
        return null;
    }
}
