package io.picloud.trigger.event.impl;

import io.picloud.api.HostPackage;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerConfigs;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerResult;
import io.picloud.trigger.api.TriggerType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The {@code event} trigger type and the {@code emit(topic[, payload])} host function, in one component: a script
 * emits, and every binding on that topic gets a run queued (the run queue's workers run them, on any node, with the
 * target script's retry policy). {@code emit} queues through {@link TriggerCallback#fireNow} on the emitting
 * script's thread, so it returns only once every run is committed; when the queue cannot take one (database away)
 * it fails in the emitting script, whose own retry then emits again (delivery is at least once).
 *
 * <p>Loop guard: each run fired here knows its chain depth (1 for an emit from a script started by anything else,
 * +1 per emit inside a run fired by an emit), carried as the event's {@code depth} field. A queued run's script
 * sees it as its call depth ({@code HostPackage.Call.depth}: the orchestrator reads the {@code depth} of
 * {@code event} runs), which is where a later emit in it starts counting. A runtime that runs the binding on the
 * calling thread instead is covered by a thread-local set around {@code fireNow}. An emit that would exceed
 * {@code maxDepth} fails in the emitting script with an {@code ErrorRuntime} that says so.
 */
@Component(service = {TriggerType.class, HostPackage.class}, configurationPid = "io.picloud.trigger.event",
        property = TriggerType.PROPERTY_TYPE + "=event")
@Designate(ocd = EventTriggerType.Config.class)
public class EventTriggerType implements TriggerType, HostPackage {
    private static final Logger logger = LoggerFactory.getLogger(EventTriggerType.class);
    static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");
    private static final ThreadLocal<Integer> DEPTH = new ThreadLocal<>();

    static final String SCHEMA = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
            + "\"required\":[\"topic\"],\"additionalProperties\":false,\"properties\":{"
            + "\"topic\":{\"type\":\"string\",\"pattern\":\"^" + TOPIC.pattern() + "$\",\"description\":\"runs "
            + "for every emit(topic, payload) on exactly this topic\",\"examples\":[\"orders/created\"]}}}";
    static final TriggerDescriptor DESCRIPTOR = new TriggerDescriptor("event", "Internal event",
            "Runs the script when another script calls emit(topic, payload) on its topic; asynchronous, with a "
                    + "chain-depth limit against loops.", SCHEMA);

    @ObjectClassDefinition(name = "PiCloud event trigger", description = "emit(topic, payload) between scripts.")
    public @interface Config {
        @AttributeDefinition(description = "Longest chain of emits (an event run that emits counts one deeper)")
        int maxDepth() default 8;
    }

    /** One open binding. */
    private record Listener(String bindingId, String topic, TriggerCallback callback) {
    }

    private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
    private volatile int maxDepth;

    @Activate
    public EventTriggerType(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        maxDepth = Math.max(1, config.maxDepth());
    }

    @Deactivate
    void deactivate() {
        listeners.clear();
    }

    // --- TriggerType ---

    @Override
    public TriggerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Map<String, Object> config) throws TriggerConfigException {
        topicOf(config);
    }

    private static String topicOf(Map<String, Object> config) throws TriggerConfigException {
        TriggerConfigs.onlyKnown(config, Set.of("topic"));
        String topic = TriggerConfigs.string(config, "topic", null);
        if (!TOPIC.matcher(topic).matches()) {
            throw new TriggerConfigException("topic", "must be letters, digits, '.', '_', '/', '-' (at most 200)");
        }
        return topic;
    }

    @Override
    public TriggerHandle open(TriggerBinding binding, TriggerCallback callback) throws TriggerException {
        Listener listener = new Listener(binding.id(), topicOf(binding.config()), callback);
        listeners.computeIfAbsent(listener.topic(), t -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(listener.topic(), (t, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    // --- HostPackage ---

    @Override
    public String name() {
        return "emit";
    }

    @Override
    public void register(Registry registry) {
        registry.function("emit", 1, (call, args) -> emit(call, args.get(0), null));
        registry.function("emit", 2, (call, args) -> emit(call, args.get(0), args.get(1)));
    }

    /**
     * Queues one run per binding on {@code topic}; returns how many were queued (a binding whose script does not
     * exist gets none). Throws when a run could not be queued.
     */
    Long emit(Call call, Object topicValue, Object payload) throws Exception {
        if (!(topicValue instanceof String) || !TOPIC.matcher((String) topicValue).matches()) {
            throw new IllegalArgumentException("the topic must be a string of letters, digits, '.', '_', '/', '-'");
        }
        String topic = (String) topicValue;
        Integer current = DEPTH.get();
        // the chain is shared with invoke: a run started by invoke knows its depth from its Call
        int depth = Math.max(current == null ? 0 : current, call == null ? 0 : call.depth()) + 1;
        int limit = maxDepth;
        if (depth > limit) {
            throw new IllegalStateException("event chain deeper than " + limit + " emits (topic '" + topic
                    + "'); a script that emits to a topic that leads back to itself loops");
        }
        List<Listener> targets = listeners.get(topic);
        if (targets == null || targets.isEmpty()) {
            return 0L;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("topic", topic);
        attributes.put("depth", (long) depth);
        attributes.put("emitter", call == null ? null : call.script());
        TriggerEvent event = new TriggerEvent(topic, payload, attributes, Instant.now());
        long queued = 0;
        int reached = 0;
        for (Listener listener : targets) {
            TriggerResult result = fire(listener, event, depth);
            reached++;
            if (result.succeeded()) {
                queued++;
            } else if (TriggerResult.UNAVAILABLE.equals(result.errorKind())) {
                throw new IllegalStateException("the event could not be queued for " + (targets.size() - reached + 1)
                        + " of " + targets.size() + " bindings on topic '" + topic + "' (" + result.message()
                        + "); retry later");
            } else {
                logger.debug("Event binding '{}' on '{}' ended with {}: {}", listener.bindingId(), listener.topic(),
                        result.errorKind(), result.message());
            }
        }
        return queued;
    }

    private static TriggerResult fire(Listener listener, TriggerEvent event, int depth) {
        Integer outer = DEPTH.get();
        DEPTH.set(depth);
        try {
            return listener.callback().fireNow(event);
        } catch (RuntimeException e) {
            logger.warn("Event binding '{}' on '{}': the runtime failed the run: {}", listener.bindingId(),
                    listener.topic(), e.toString());
            return TriggerResult.error(TriggerResult.UNAVAILABLE, "the runtime failed", 0, 0);
        } finally {
            if (outer == null) {
                DEPTH.remove();
            } else {
                DEPTH.set(outer);
            }
        }
    }

    /** For tests: how many bindings listen on {@code topic}. */
    int listeners(String topic) {
        List<Listener> list = listeners.get(topic);
        return list == null ? 0 : list.size();
    }
}
