package io.picloud.api;

import java.util.Optional;

/**
 * The orchestrator's ingress: runs the active version of the event's script, records the invocation, and
 * returns the outcome (empty when the script does not exist). Thread-safe; called from trigger threads.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Dispatcher {
    Optional<Dispatch> dispatch(Event event);

    /**
     * Dispatches the event only if that cannot block: its script's active version is known without reading the
     * store and the executor can run it inline ({@link ScriptExecutor#executeInline}). Null when not, with nothing
     * run and nothing recorded: call {@link #dispatch} on a thread that may block.
     */
    default Dispatch dispatchInline(Event event) {
        return null;
    }

    /**
     * Whether {@link #dispatchInline} could run {@code script} now, answered from caches: its active version is
     * cached here and the executor may run it inline ({@link ScriptExecutor#mayRunInline}). Asked before a request
     * map is built, so that a run bound for a worker builds it once, there. True is a hint; false means
     * {@code dispatchInline} would return null.
     *
     * @since 0.7
     */
    default boolean mayDispatchInline(String script) {
        return false;
    }

    /**
     * The version that ran, its outcome and the run's {@link InvocationRef} (null from a dispatcher that gives
     * none), under which the invocation log keeps the run.
     */
    record Dispatch(ScriptVersion version, ExecutionOutcome outcome, String ref) {
        /** A dispatch without a ref. */
        public Dispatch(ScriptVersion version, ExecutionOutcome outcome) {
            this(version, outcome, null);
        }
    }
}
