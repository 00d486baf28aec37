package io.picloud.trigger.runtime.impl;

import io.picloud.api.BindingStore;
import io.picloud.api.ClaimStore;
import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ScriptVersion;
import io.picloud.api.StoredBinding;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    }

    /** A trigger type that records opens and closes and can be told to refuse. */
    static final class Type implements TriggerType {
        final String id;
        final List<TriggerBinding> opened = new ArrayList<>();
        final List<String> closed = new ArrayList<>();
        final Map<String, TriggerCallback> callbacks = new LinkedHashMap<>();
        TriggerException refuse;

        Type(String id) {
            this.id = id;
        }

        @Override
        public TriggerDescriptor descriptor() {
            return new TriggerDescriptor(id, id, id, "{}");
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
