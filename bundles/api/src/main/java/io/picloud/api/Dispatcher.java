package io.picloud.api;

import java.util.Optional;

/**
 * The orchestrator's ingress: runs the active version of the event's script, records the invocation, and
 * returns the outcome (empty when the script does not exist). Thread-safe; called from trigger threads.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Dispatcher {
    Optional<Dispatch> dispatch(Event event);

    /** The version that ran and its outcome. */
    record Dispatch(ScriptVersion version, ExecutionOutcome outcome) {
    }
}
