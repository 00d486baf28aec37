package io.picloud.trigger.runtime.impl;

import io.picloud.api.BindingStore;
import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.RunRequest;
import io.picloud.api.RunStore;
import io.picloud.api.ScriptProblem;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.StoredBinding;
import io.picloud.api.TriggerStatus;
import io.picloud.api.TriggerStatusService;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerResult;
import io.picloud.trigger.api.TriggerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import io.picloud.api.control.EndpointAccess;
import io.picloud.trigger.api.CallerAccess;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The trigger runtime without OSGi: the bindings known on this node, each with a status, opened through the
 * trigger type with their id, and closed (kept, {@code TYPE_MISSING}) when that type leaves. Fired events of types
 * that respond to requests become {@link Event}s for the {@link Dispatcher}; those of every other type are queued
 * as runs in the {@link RunStore}, which the run workers of any node take. Thread-safe: structural changes hold this object's monitor; status
 * changes reported by plugins take only the binding's own monitor (see {@link BindingState}).
 */
final class TriggerRuntime implements TriggerStatusService {
    private static final Logger logger = LoggerFactory.getLogger(TriggerRuntime.class);

    private final BindingStore store;
    private final Dispatcher dispatcher;
    private final RunStore runs;
    private final Claims claims;
    private final Executor workers;
    private final Clock clock;
    // guarded by this
    private final Map<String, List<TriggerType>> types = new HashMap<>();
    private final Map<String, BindingState> bindings = new TreeMap<>();
    private boolean started;
    private boolean stopped;
    private volatile Runnable statusChanged = () -> { };
    private volatile EndpointAccess endpointAccess = (script, key) -> EndpointAccess.Decision.ALLOW;
    private final RequestLimits requestLimits = new RequestLimits();

    TriggerRuntime(BindingStore store, Dispatcher dispatcher, RunStore runs, Claims claims, Executor workers,
                   Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.runs = runs;
        this.claims = claims;
        this.workers = workers;
        this.clock = clock;
    }

    Executor workers() {
        return workers;
    }

    /** The scripts' rate limits on request bindings; none until a limiter is set. */
    RequestLimits requestLimits() {
        return requestLimits;
    }

    /** Who may call scripts from endpoint triggers; allows everyone until set. */
    void setEndpointAccess(EndpointAccess access) {
        this.endpointAccess = access;
    }

    CallerAccess access(String script, String key) {
        EndpointAccess.Decision decision;
        try {
            decision = endpointAccess.check(script, key);
        } catch (StoreUnavailableException e) {
            return CallerAccess.UNAVAILABLE; // the script's access is in the database: no guess either way
        }
        return switch (decision) {
            case ALLOW -> CallerAccess.ALLOW;
            case UNAUTHENTICATED -> CallerAccess.UNAUTHENTICATED;
            case FORBIDDEN -> CallerAccess.FORBIDDEN;
        };
    }

    /** Told after any binding's status changed or a binding was forgotten; must not block. */
    void onStatusChange(Runnable listener) {
        this.statusChanged = listener;
    }

    private void statusChanged() {
        statusChanged.run();
    }

    Claims claims() {
        return claims;
    }

    Instant now() {
        return clock.instant();
    }

    // --- lifecycle ---

    /** Loads every binding and opens those whose type is present. Throws when the store cannot be read. */
    synchronized void start() {
        if (stopped) {
            return;         // a late retry after the component stopped
        }
        started = true;
        reload();
    }

    /** Reads every binding again and applies the differences (after a store outage, for instance). */
    synchronized void reload() {
        if (!started) {
            return;
        }
        List<StoredBinding> all = store.list();
        Set<String> seen = new HashSet<>();
        for (StoredBinding binding : all) {
            seen.add(binding.id());
            apply(binding);
        }
        for (String id : new ArrayList<>(bindings.keySet())) {
            if (!seen.contains(id)) {
                forget(id);
            }
        }
        statusChanged(); // after an outage, what was reported meanwhile may have been lost
    }

    /** Closes every binding for good. */
    synchronized void stop() {
        started = false;
        stopped = true;
        for (BindingState state : bindings.values()) {
            close(state);
        }
        bindings.clear();
    }

    /** A binding was created, changed or deleted. Throws when the store cannot be read. */
    synchronized void bindingChanged(String id) {
        if (!started) {
            return;
        }
        Optional<StoredBinding> binding = store.find(id);
        if (binding.isPresent()) {
            apply(binding.get());
        } else {
            forget(id);
        }
    }

    // --- trigger types ---

    synchronized void addType(String id, TriggerType type) {
        List<TriggerType> list = types.computeIfAbsent(id, k -> new ArrayList<>());
        list.add(type);
        logger.debug("Trigger type '{}' arrived", id);
        reopenType(id);
    }

    synchronized void removeType(String id, TriggerType type) {
        List<TriggerType> list = types.get(id);
        if (list == null || !list.remove(type)) {
            return;
        }
        if (list.isEmpty()) {
            types.remove(id);
        }
        logger.debug("Trigger type '{}' left", id);
        reopenType(id);
    }

    /** The newest registered service of {@code id}, or null. */
    private TriggerType typeOf(String id) {
        List<TriggerType> list = types.get(id);
        return list == null || list.isEmpty() ? null : list.get(list.size() - 1);
    }

    private void reopenType(String id) {
        TriggerType type = typeOf(id);
        for (BindingState state : bindings.values()) {
            if (state.stored.type().equals(id) && state.openedWith != type) {
                close(state);
                openIfPossible(state);
            }
        }
    }

    // --- bindings ---

    private void apply(StoredBinding binding) {
        BindingState state = bindings.get(binding.id());
        if (state != null) {
            boolean same = sameDefinition(state.stored, binding);
            state.stored = binding;
            if (same) {
                return;
            }
            close(state);
        } else {
            state = new BindingState(binding, this::statusChanged);
            bindings.put(binding.id(), state);
        }
        openIfPossible(state);
    }

    private static boolean sameDefinition(StoredBinding a, StoredBinding b) {
        return a.type().equals(b.type()) && a.script().equals(b.script()) && a.enabled() == b.enabled()
                && a.config().equals(b.config());
    }

    private void forget(String id) {
        BindingState state = bindings.remove(id);
        if (state != null) {
            close(state);
            statusChanged();
        }
    }

    private void openIfPossible(BindingState state) {
        StoredBinding binding = state.stored;
        if (!started) {
            return;
        }
        if (!binding.enabled()) {
            state.set(TriggerStatus.DISABLED, null, now());
            return;
        }
        TriggerType type = typeOf(binding.type());
        if (type == null) {
            state.set(TriggerStatus.TYPE_MISSING, "trigger type '" + binding.type() + "' is not installed", now());
            return;
        }
        long generation = state.nextGeneration();
        state.set(TriggerStatus.ACTIVE, null, now());      // before open: open may already report a failure
        TriggerBinding view = new TriggerBinding(binding.id(), binding.type(), binding.script(), binding.config(),
                true, state.lastFired());
        RuntimeCallback callback = new RuntimeCallback(this, state, generation,
                !respondsToRequests(type, binding.type()));
        state.callback = callback;
        try {
            TriggerHandle handle = type.open(view, callback);
            state.handle = Objects.requireNonNull(handle, "open returned null");
            state.openedWith = type;
        } catch (TriggerException e) {
            state.set(TriggerStatus.ERROR, e.getMessage(), now());
            logger.warn("Trigger binding '{}' ({}) could not be opened: {}", binding.id(), binding.type(),
                    e.getMessage());
        } catch (RuntimeException e) {
            state.set(TriggerStatus.ERROR, "the trigger type failed to open the binding: " + e, now());
            logger.error("Trigger type '{}' failed to open binding '{}'", binding.type(), binding.id(), e);
        }
    }

    private static boolean respondsToRequests(TriggerType type, String id) {
        try {
            return type.descriptor().respondsToRequests();
        } catch (RuntimeException e) {
            logger.warn("Trigger type '{}' failed to describe itself; its events are queued: {}", id, e.toString());
            return false;
        }
    }

    private void close(BindingState state) {
        state.nextGeneration();
        RuntimeCallback callback = state.callback;
        state.callback = null;
        if (callback != null) {
            callback.ended();
        }
        TriggerHandle handle = state.handle;
        state.handle = null;
        state.openedWith = null;
        if (handle != null) {
            try {
                handle.close();
            } catch (RuntimeException e) {
                logger.warn("Trigger binding '{}' did not close cleanly: {}", state.stored.id(), e.toString());
            }
        }
    }

    // --- running ---

    /** Runs the binding's script for {@code event} on the calling thread. */
    TriggerResult run(BindingState state, TriggerEvent event) {
        StoredBinding binding = state.stored;
        if (firedAndDueForStore(state, event.time())) {
            storeFired(binding, event.time());
        }
        Event dispatched = dispatched(binding, event);
        Optional<Dispatcher.Dispatch> dispatch;
        try {
            dispatch = dispatcher.dispatch(dispatched);
        } catch (RuntimeException e) {
            logger.warn("Binding '{}': script '{}' could not be run: {}", binding.id(), binding.script(),
                    e.toString());
            return TriggerResult.error(TriggerResult.UNAVAILABLE, "the script could not be run now", 0, 0);
        }
        if (dispatch.isEmpty()) {
            return TriggerResult.error(TriggerResult.SCRIPT_NOT_FOUND, "script '" + binding.script()
                    + "' does not exist", 0, 0);
        }
        return result(dispatch.get().outcome()).withInvocation(dispatch.get().ref());
    }

    /**
     * Queues a run of the binding's script for {@code event}, on the calling thread: once it returns successfully
     * the run is committed ({@code {"run": id}}). {@link TriggerResult#UNAVAILABLE} when the queue cannot be
     * written (nothing queued), {@link TriggerResult#SCRIPT_NOT_FOUND} when the script does not exist.
     */
    TriggerResult queue(BindingState state, TriggerEvent event) {
        StoredBinding binding = state.stored;
        RunRequest request = new RunRequest(binding.script(), binding.type(), event.source(), binding.id(),
                scriptEvent(binding, event), null, null, event.time());
        Optional<RunStore.Submitted> submitted;
        try {
            submitted = runs.submit(request);
        } catch (StoreUnavailableException e) {
            logger.debug("Binding '{}': run not queued, the database is away: {}", binding.id(), e.getMessage());
            return TriggerResult.error(TriggerResult.UNAVAILABLE, "the run could not be queued now (database "
                    + "unavailable)", 0, 0);
        } catch (RuntimeException e) {
            logger.warn("Binding '{}': run of script '{}' could not be queued: {}", binding.id(), binding.script(),
                    e.toString());
            return TriggerResult.error(TriggerResult.UNAVAILABLE, "the run could not be queued now", 0, 0);
        }
        if (submitted.isEmpty()) {
            return TriggerResult.error(TriggerResult.SCRIPT_NOT_FOUND, "script '" + binding.script()
                    + "' does not exist", 0, 0);
        }
        if (firedAndDueForStore(state, event.time())) {
            storeFired(binding, event.time());
        }
        return TriggerResult.ok(Map.of("run", submitted.get().run().id()));
    }

    /**
     * Runs the binding's script for {@code event} on the calling thread if the dispatcher can do so without
     * blocking ({@link Dispatcher#dispatchInline}); null when not, with nothing run. The fire time, when due for
     * the store, is written by a worker.
     */
    TriggerResult runInline(BindingState state, TriggerEvent event) {
        StoredBinding binding = state.stored;
        Dispatcher.Dispatch dispatch;
        try {
            dispatch = dispatcher.dispatchInline(dispatched(binding, event));
        } catch (RuntimeException e) {
            return null; // the blocking path reports it
        }
        if (dispatch == null) {
            return null;
        }
        if (firedAndDueForStore(state, event.time())) {
            try {
                workers.execute(() -> storeFired(binding, event.time()));
            } catch (RejectedExecutionException e) {
                logger.debug("Last fire time of binding '{}' not recorded: the workers are busy", binding.id());
            }
        }
        return result(dispatch.outcome()).withInvocation(dispatch.ref());
    }

    /**
     * Whether {@link #runInline} could run the binding's script now, from the dispatcher's caches
     * ({@link Dispatcher#mayDispatchInline}); never blocks.
     */
    boolean mayRunInline(BindingState state) {
        try {
            return dispatcher.mayDispatchInline(state.stored.script());
        } catch (RuntimeException e) {
            return false; // the blocking path reports it
        }
    }

    private static Event dispatched(StoredBinding binding, TriggerEvent event) {
        return new Event(binding.type(), event.source(), binding.script(), scriptEvent(binding, event), event.time());
    }

    private static TriggerResult result(ExecutionOutcome outcome) {
        ScriptProblem problem = outcome.problem();
        return problem == null ? TriggerResult.ok(outcome.value())
                : TriggerResult.error(problem.kind(), problem.message(), problem.line(), problem.column());
    }

    /**
     * Remembers the fire time; true when it is to be written to the store, at most once a second per binding
     * (bursts of MQTT messages do not become bursts of writes; time-based triggers fire at most once a second).
     */
    private static boolean firedAndDueForStore(BindingState state, Instant time) {
        Instant here = state.firedHere;
        if (here == null || time.isAfter(here)) {
            state.firedHere = time;
        }
        Instant recorded = state.recorded;
        if (recorded != null && time.isBefore(recorded.plusSeconds(1))) {
            return false;
        }
        state.recorded = time;
        return true;
    }

    private void storeFired(StoredBinding binding, Instant time) {
        try {
            store.recordFired(binding.id(), time);
        } catch (RuntimeException e) {
            logger.debug("Last fire time of binding '{}' not recorded: {}", binding.id(), e.toString());
        }
    }

    /** The {@code event} map a script sees: attributes, then the five fixed keys (which win). */
    static Map<String, Object> scriptEvent(StoredBinding binding, TriggerEvent event) {
        Map<String, Object> attributes = event.attributes();
        // sized for every key at once: an http request's eight attributes and the five keys overflowed the default
        Map<String, Object> map = new LinkedHashMap<>((attributes.size() + 5) * 4 / 3 + 1);
        Object payload = event.payload();
        Object payloadValue = null;
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            Object value = RhaiValues.of(attribute.getValue());
            if (attribute.getValue() == payload) {
                payloadValue = value; // an http request's payload is its parsed json: walked once, not twice
            }
            map.put(attribute.getKey(), value);
        }
        map.put("type", binding.type());
        map.put("source", event.source());
        map.put("payload", payloadValue != null ? payloadValue : RhaiValues.of(payload));
        map.put("time", event.time().toString());
        map.put("binding", binding.id());
        return map;
    }

    // --- TriggerStatusService ---

    @Override
    public synchronized List<TriggerStatus> statuses() {
        List<TriggerStatus> list = new ArrayList<>(bindings.size());
        for (BindingState state : bindings.values()) {
            list.add(state.status(state.stored));
        }
        return list;
    }

    @Override
    public synchronized Optional<TriggerStatus> status(String bindingId) {
        BindingState state = bindings.get(bindingId);
        return state == null ? Optional.empty() : Optional.of(state.status(state.stored));
    }

    @Override
    public synchronized List<String> installedTypes() {
        return new ArrayList<>(new java.util.TreeSet<>(types.keySet()));
    }
}
