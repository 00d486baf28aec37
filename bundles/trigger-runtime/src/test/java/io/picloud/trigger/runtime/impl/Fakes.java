package io.picloud.trigger.runtime.impl;

import io.picloud.api.BindingStore;
import io.picloud.api.ClaimStore;
import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.AttemptOutcome;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.LeasedRun;
import io.picloud.api.Run;
import io.picloud.api.RunQuery;
import io.picloud.api.RunQueueStats;
import io.picloud.api.RunRequest;
import io.picloud.api.RunStore;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.ScriptVersion;
import io.picloud.api.StoredBinding;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** Fakes of our own interfaces for the runtime's unit tests. */
final class Fakes {
    private Fakes() {
    }

    static final class Store implements BindingStore {
        final Map<String, StoredBinding> bindings = new LinkedHashMap<>();
        final List<String> fired = new ArrayList<>();
        boolean down;

        void put(StoredBinding binding) {
            bindings.put(binding.id(), binding);
        }

        @Override
        public List<StoredBinding> list() {
            if (down) {
                throw new io.picloud.api.StoreUnavailableException("database down", null);
            }
            return new ArrayList<>(bindings.values());
        }

        @Override
        public Optional<StoredBinding> find(String id) {
            return Optional.ofNullable(bindings.get(id));
        }

        @Override
        public StoredBinding save(StoredBinding binding) {
            put(binding);
            return binding;
        }

        @Override
        public boolean delete(String id) {
            return bindings.remove(id) != null;
        }

        @Override
        public synchronized void recordFired(String id, Instant time) {
            fired.add(id + "@" + time);
        }
    }

    static final class RecordingDispatcher implements Dispatcher {
        final List<Event> events = new ArrayList<>();
        Function<Event, Optional<Dispatch>> answer = e -> Optional.of(new Dispatch(
                new ScriptVersion(e.script(), 1, "h", "", Instant.EPOCH),
                new ExecutionOutcome("ran " + e.script(), null, false, List.of(), 1, 1)));

        /** Whether dispatchInline runs (true) or declines (false). */
        boolean inline;

        @Override
        public synchronized Optional<Dispatch> dispatch(Event event) {
            events.add(event);
            return answer.apply(event);
        }

        @Override
        public synchronized Dispatch dispatchInline(Event event) {
            return inline ? dispatch(event).orElse(null) : null;
        }

        /** Scripts asked about with {@code mayDispatchInline}. */
        final List<String> asked = new ArrayList<>();

        @Override
        public synchronized boolean mayDispatchInline(String script) {
            asked.add(script);
            return inline;
        }
    }

    /**
     * The run queue: records each submitted run and, when given a dispatcher, dispatches it at once as a run worker
     * would (so tests see queued events where they saw dispatched ones). {@code down} makes submits fail as with the
     * database away; {@code missing} names scripts that do not exist.
     */
    static final class Queue implements RunStore {
        final List<RunRequest> submitted = new ArrayList<>();
        final Set<String> missing = new HashSet<>();
        private final RecordingDispatcher worker;
        volatile boolean down;
        private long nextId = 1;

        Queue() {
            this(null);
        }

        Queue(RecordingDispatcher worker) {
            this.worker = worker;
        }

        synchronized List<RunRequest> submitted() {
            return new ArrayList<>(submitted);
        }

        @Override
        public Optional<Submitted> submit(RunRequest request) {
            if (down) {
                throw new StoreUnavailableException("database unavailable", null);
            }
            long id;
            synchronized (this) {
                if (missing.contains(request.script())) {
                    return Optional.empty();
                }
                submitted.add(request);
                id = nextId++;
            }
            if (worker != null) {
                worker.dispatch(new Event(request.trigger(), request.source(), request.script(), request.payload(),
                        request.time()));
            }
            return Optional.of(new Submitted(new Run(id, request.script(), request.trigger(), request.source(),
                    request.bindingId(), Run.QUEUED, 0, 3, request.time(), null, null, null, request.payload(),
                    null, null, List.of(), List.of(), null, null, null), false));
        }

        @Override
        public List<LeasedRun> take(String node, int max, Duration lease) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<Long> renew(String node, Collection<Long> ids, Duration lease) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean complete(String node, LeasedRun run, AttemptOutcome outcome) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Instant> nextDue() {
            throw new UnsupportedOperationException();
        }

        @Override
        public AutoCloseable onWork(Consumer<Instant> wake) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Run> find(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Run> list(RunQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Run> replay(long deadId, Map<String, Object> payload, String submittedBy) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(long deadId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RunQueueStats stats() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Long> prune(Instant succeededBefore, Instant deadBefore) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * A trigger type that records opens and closes and can be told to refuse. It responds to requests (its events
     * are dispatched) unless {@code queued}; {@code starting} makes it report STARTING inside open.
     */
    static final class Type implements TriggerType {
        final String id;
        final boolean queued;
        String starting;
        final List<TriggerBinding> opened = new ArrayList<>();
        final List<String> closed = new ArrayList<>();
        final Map<String, TriggerCallback> callbacks = new LinkedHashMap<>();
        TriggerException refuse;

        Type(String id) {
            this(id, false);
        }

        Type(String id, boolean queued) {
            this.id = id;
            this.queued = queued;
        }

        @Override
        public TriggerDescriptor descriptor() {
            return new TriggerDescriptor(id, id, id, "{}", !queued);
        }

        @Override
        public void validate(Map<String, Object> config) throws TriggerConfigException {
        }

        @Override
        public TriggerHandle open(TriggerBinding binding, TriggerCallback callback) throws TriggerException {
            if (refuse != null) {
                throw refuse;
            }
            opened.add(binding);
            callbacks.put(binding.id(), callback);
            if (starting != null) {
                callback.starting(starting);
            }
            return () -> closed.add(binding.id());
        }
    }

    /** Claims decided by {@code wins} at once: kept or released, a won key stays won (like a unit-test cluster). */
    static Claims claims(java.util.function.Predicate<String> wins) {
        return key -> !wins.test(key) ? null : new ClaimStore.Claim() {
            @Override
            public void keep() {
            }

            @Override
            public void release() {
            }
        };
    }

    static StoredBinding binding(String id, String type, boolean enabled, Object... config) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < config.length; i += 2) {
            map.put((String) config[i], config[i + 1]);
        }
        return new StoredBinding(id, type, "script-" + id, map, enabled, null);
    }
}
