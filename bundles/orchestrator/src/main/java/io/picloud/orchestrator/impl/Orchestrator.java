package io.picloud.orchestrator.impl;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.InvocationLog;
import io.picloud.api.InvocationRecord;
import io.picloud.api.InvocationRef;
import io.picloud.api.ScriptExecutor;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptVersion;
import io.picloud.api.control.KnownScripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The dispatcher's logic without OSGi. Active versions are cached only when the store promises to report every
 * change (a {@code cache} is given); otherwise each event reads the store, so a new version serves the next event.
 */
final class Orchestrator implements Dispatcher {
    private static final Logger logger = LoggerFactory.getLogger(Orchestrator.class);

    /** Script function called with the input when the script defines it. */
    static final String ENTRY_FUNCTION = "handle";
    /**
     * Triggers whose scripts answer a request, and so see it as {@code request}; all others see {@code event}.
     * {@code test} is the dashboard's "try it", which sends the request {@code /fn} would.
     */
    static final Set<String> REQUEST_TRIGGERS = Set.of("http", "shell", "test");
    /** Triggers whose runs are started by other runs; their event's {@code depth} is the chain depth. */
    static final Set<String> CHAINED_TRIGGERS = Set.of("event", "invoke");

    private final ScriptStore store;
    private final ScriptExecutor executor;
    private final InvocationLog log;
    private final ActiveVersionCache cache;
    private final KnownScripts known;
    private final DispatchMetrics metrics;

    /** {@code cache} null: read the store for every event. */
    Orchestrator(ScriptStore store, ScriptExecutor executor, InvocationLog log, ActiveVersionCache cache) {
        this(store, executor, log, cache, null, new DispatchMetrics());
    }

    Orchestrator(ScriptStore store, ScriptExecutor executor, InvocationLog log, ActiveVersionCache cache,
                 KnownScripts known) {
        this(store, executor, log, cache, known, new DispatchMetrics());
    }

    Orchestrator(ScriptStore store, ScriptExecutor executor, InvocationLog log, ActiveVersionCache cache,
                 DispatchMetrics metrics) {
        this(store, executor, log, cache, null, metrics);
    }

    /**
     * {@code known} (null for none) answers "no such script" without a store read; used only with a {@code cache},
     * as both rely on the store's change notifications.
     */
    Orchestrator(ScriptStore store, ScriptExecutor executor, InvocationLog log, ActiveVersionCache cache,
                 KnownScripts known, DispatchMetrics metrics) {
        this.store = store;
        this.executor = executor;
        this.log = log;
        this.cache = cache;
        this.known = cache == null ? null : known;
        this.metrics = metrics;
    }

    @Override
    public Optional<Dispatch> dispatch(Event event) {
        String name = event.script();
        if (!ScriptNames.isValid(name) || (known != null && cache.peek(name) == null && !known.mayExist(name))) {
            return Optional.empty(); // a flood of random names costs no store read and leaves the cache alone
        }
        Optional<ScriptVersion> active = cache == null ? store.active(name) : cache.get(name, store::active);
        if (active.isEmpty()) {
            return Optional.empty();
        }
        ScriptVersion version = active.get();
        Instant start = Instant.now();
        String ref = InvocationRef.next(start);
        ExecutionOutcome outcome = executor.execute(version, ENTRY_FUNCTION, inputName(event), event.payload(),
                chainDepth(event));
        record(event, version, start, ref, outcome, false);
        return Optional.of(new Dispatch(version, outcome, ref));
    }

    @Override
    public Dispatch dispatchInline(Event event) {
        Optional<ScriptVersion> active = cache == null ? null : cache.peek(event.script());
        if (active == null || active.isEmpty()) {
            return null; // unknown here, or no such script: the blocking path loads it or answers "not found"
        }
        ScriptVersion version = active.get();
        Instant start = Instant.now();
        String ref = InvocationRef.next(start);
        ExecutionOutcome outcome = executor.executeInline(version, ENTRY_FUNCTION, inputName(event), event.payload());
        if (outcome == null) {
            return null; // nothing ran: the ref is never seen
        }
        record(event, version, start, ref, outcome, true);
        return new Dispatch(version, outcome, ref);
    }

    @Override
    public boolean mayDispatchInline(String script) {
        Optional<ScriptVersion> active = cache == null ? null : cache.cached(script);
        return active != null && active.isPresent() && executor.mayRunInline(active.get());
    }

    /** How deep in a chain of runs started by runs ({@code emit}, {@code invoke}) this event is; 0 for others. */
    private static int chainDepth(Event event) {
        if (!CHAINED_TRIGGERS.contains(event.type()) || event.payload() == null) {
            return 0;
        }
        return event.payload().get("depth") instanceof Number n ? n.intValue() : 0;
    }

    private static String inputName(Event event) {
        return REQUEST_TRIGGERS.contains(event.type()) ? "request" : "event";
    }

    boolean caching() {
        return cache != null;
    }

    private void record(Event event, ScriptVersion version, Instant start, String ref, ExecutionOutcome outcome,
                        boolean inline) {
        ScriptProblem problem = outcome.problem();
        String status = problem == null ? "ok" : outcome.limitHit() ? "limit" : "error";
        metrics.ran(version.name(), event.type(), status, outcome, inline);
        InvocationRecord record = new InvocationRecord(version.name(), version.version(), event.type(), start,
                outcome.durationMicros(), status, problem == null ? null : problem.kind(),
                problem == null ? null : problem.message(), outcome.output(), outcome.operations(),
                "invoke".equals(event.type()) ? event.source() : null, problem == null ? 0 : problem.line(),
                problem == null ? 0 : problem.column(), null, ref);
        try {
            log.record(record);
        } catch (RuntimeException e) {
            logger.warn("Invocation of '{}' v{} not recorded: {}", version.name(), version.version(), e.toString());
        }
    }
}
