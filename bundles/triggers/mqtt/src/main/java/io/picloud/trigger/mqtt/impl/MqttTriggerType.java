package io.picloud.trigger.mqtt.impl;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerType;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@code mqtt} trigger type. Bindings name a broker; one connection per broker in use is opened on the first
 * binding and closed with the last one. Broker settings come from factory configurations
 * ({@link MqttBrokerConfiguration}); the name {@code default} falls back to tcp://127.0.0.1:1883. A binding is
 * STARTING from its open until the broker has acknowledged its subscription, then ACTIVE. A binding whose broker
 * is not configured is in ERROR until the configuration appears.
 */
@Component(service = TriggerType.class, property = TriggerType.PROPERTY_TYPE + "=mqtt")
public class MqttTriggerType implements TriggerType {
    static final TriggerDescriptor DESCRIPTOR = new TriggerDescriptor("mqtt", "MQTT message",
            "Runs the script for each message on an MQTT topic filter; the payload is parsed when it is JSON.",
            MqttConfig.SCHEMA);

    /** The status reason of a binding until the broker has acknowledged its subscription. */
    static final String STARTING = "waiting for the broker to acknowledge the subscription";

    private final ScheduledThreadPoolExecutor ops;
    // guarded by this
    private final Map<String, BrokerSettings> configured = new HashMap<>();
    private final Map<String, BrokerConnection> connections = new HashMap<>();
    private final List<Subscription> subscriptions = new ArrayList<>();

    public MqttTriggerType() {
        ops = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "picloud-mqtt");
            t.setDaemon(true);
            return t;
        });
        ops.setRemoveOnCancelPolicy(true);
        ops.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addBroker(MqttBrokerConfiguration broker) {
        BrokerSettings settings = broker.settings();
        configured.put(settings.name(), settings);
        replaceConnection(settings.name());
    }

    synchronized void removeBroker(MqttBrokerConfiguration broker) {
        BrokerSettings settings = broker.settings();
        if (configured.remove(settings.name(), settings)) {
            replaceConnection(settings.name());
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            connections.values().forEach(BrokerConnection::close);
            connections.clear();
            subscriptions.clear();
        }
        ops.shutdown();     // lets the queued disconnects run
        try {
            ops.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ops.shutdownNow();
    }

    @Override
    public TriggerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Map<String, Object> config) throws TriggerConfigException {
        MqttConfig.of(config);
    }

    @Override
    public TriggerHandle open(TriggerBinding binding, TriggerCallback callback) throws TriggerException {
        MqttConfig config = MqttConfig.of(binding.config());
        Subscription subscription = new Subscription(binding.id(), config.broker(), config.topic(), config.qos(),
                callback);
        callback.starting(STARTING);
        synchronized (this) {
            subscriptions.add(subscription);
            BrokerConnection connection = connection(config.broker());
            if (connection != null) {
                connection.add(subscription);
            }
        }
        return () -> close(subscription);
    }

    private synchronized void close(Subscription subscription) {
        if (!subscriptions.remove(subscription)) {
            return;
        }
        BrokerConnection connection = connections.get(subscription.broker);
        if (connection == null) {
            return;
        }
        connection.remove(subscription);
        if (connection.subscriptions().isEmpty()) {
            connections.remove(subscription.broker);
            connection.close();
        }
    }

    /** The connection for {@code broker}, opened if needed; null (bindings told) if the broker is unknown. */
    private BrokerConnection connection(String broker) {
        BrokerConnection connection = connections.get(broker);
        if (connection != null) {
            return connection;
        }
        BrokerSettings settings = settingsFor(broker);
        if (settings == null) {
            for (Subscription s : subscriptions) {
                if (s.broker.equals(broker)) {
                    s.failed = true;
                    s.callback.failed("MQTT broker '" + broker + "' is not configured: add etc/"
                            + MqttBrokerConfiguration.FACTORY_PID + "-" + broker + ".cfg with name = " + broker
                            + " and url = tcp://host:1883", null);
                }
            }
            return null;
        }
        connection = new BrokerConnection(settings, ops);
        connections.put(broker, connection);
        connection.start();
        return connection;
    }

    private BrokerSettings settingsFor(String broker) {
        BrokerSettings settings = configured.get(broker);
        if (settings == null && BrokerSettings.DEFAULT_NAME.equals(broker)) {
            settings = BrokerSettings.BUILT_IN_DEFAULT;
        }
        return settings;
    }

    /** Settings of {@code broker} changed: move its bindings to a new connection. */
    private void replaceConnection(String broker) {
        BrokerConnection old = connections.remove(broker);
        if (old != null) {
            old.close();
        }
        List<Subscription> affected = new ArrayList<>();
        for (Subscription s : subscriptions) {
            if (s.broker.equals(broker)) {
                affected.add(s);
            }
        }
        if (affected.isEmpty()) {
            return;
        }
        for (Subscription s : affected) {
            s.active = false;               // ACTIVE again once the new connection's broker acknowledges it
            s.callback.starting(STARTING);
        }
        BrokerConnection connection = connection(broker);
        if (connection != null) {
            affected.forEach(connection::add);
        }
    }

    /** For tests: the live connection to {@code broker}, or null. */
    synchronized BrokerConnection connectionOf(String broker) {
        return connections.get(broker);
    }
}
