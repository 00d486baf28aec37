package io.picloud.api.control;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Trigger bindings as the control plane offers them: validated by their trigger type, authorised (a developer
 * manages the bindings of the scripts they own), audited, with secrets masked in every answer (also while the
 * binding's type is not installed) and with the status merged from every node of a cluster.
 */
@org.osgi.annotation.versioning.ProviderType
public interface BindingService {
    List<BindingView> list(Principal p);

    BindingView get(Principal p, String id);

    /** {@code enabled} null means true. Invalid input is UNPROCESSABLE naming the field. */
    BindingView create(Principal p, String type, String script, Map<String, Object> config, Boolean enabled);

    /**
     * Replaces what is not null; a secret left out of {@code config} (or sent masked) keeps its stored value.
     */
    BindingView replace(Principal p, String id, String type, String script, Map<String, Object> config,
                        Boolean enabled);

    BindingView setEnabled(Principal p, String id, boolean enabled);

    void delete(Principal p, String id);

    List<TriggerTypeView> types(Principal p);

    TriggerTypeView type(Principal p, String id);

    /**
     * The next {@code count} (1 to {@link #MAX_FIRES}) fire times of a stored binding, from its trigger type's own
     * schedule code. UNPROCESSABLE {@code not_scheduled} when its type has no schedule, {@code unknown_type} when
     * the type is not installed.
     */
    NextFires nextFires(Principal p, String id, int count);

    /**
     * The next fire times of a configuration not saved yet (a form being filled in). An invalid configuration is
     * UNPROCESSABLE {@code invalid_config} naming the field, as {@link #create} answers.
     */
    NextFires previewFires(Principal p, String type, Map<String, Object> config, int count);

    /** The most fire times one call gives. */
    int MAX_FIRES = 50;

    /** Fire times, oldest first, and the zone the schedule is read in (clients show the times there). */
    record NextFires(ZoneId zone, List<Instant> fires) {
    }

    /** A binding as clients see it: config with secrets masked, merged status. */
    record BindingView(String id, String type, String script, Map<String, Object> config, boolean enabled,
                       String status, String detail, List<NodeStatus> nodes, Instant lastFired, String owner) {
    }

    /** One node's view of a binding. */
    record NodeStatus(String node, String status, String detail, Instant since, Instant seenAt) {
    }

    /** An installed trigger type; {@code schema} is its JSON schema text. */
    record TriggerTypeView(String id, String label, String description, String schema) {
    }
}
