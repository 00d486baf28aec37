package io.picloud.trigger.mqtt.impl;

import io.picloud.trigger.api.TriggerEvent;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection to one broker, shared by every binding that names it. Connecting, subscribing and closing run on
 * the plugin's single operations thread (never on a caller's thread); messages arrive on Paho's thread and are
 * handed to the runtime without waiting ({@link Delivery}). A binding is STARTING until the broker has acknowledged
 * (SUBACK) a subscription of its filter, then ACTIVE. QoS 1 messages are acknowledged by hand (manual acks), only
 * once their runs are queued. While the broker is unreachable every binding on it is in ERROR with the reason, and
 * the connection retries with exponential back-off (1 s doubling to 60 s); after a reconnect the filters are
 * subscribed again and each binding is ACTIVE once its filter is.
 */
final class BrokerConnection implements MqttCallback, Delivery.Channel {
    private static final Logger logger = LoggerFactory.getLogger(BrokerConnection.class);
    static final long FIRST_RETRY_MS = 1_000;
    static final long MAX_RETRY_MS = 60_000;

    private final BrokerSettings settings;
    private final ScheduledExecutorService ops;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Void>> subscribedSignals = new ConcurrentHashMap<>();
    // the fields below are touched on the operations thread only
    private final Map<String, Integer> subscribed = new HashMap<>();
    private MqttClient client;
    /** The connected client and its session number (one per successful connect), for acknowledgements. */
    private volatile MqttClient live;
    private volatile long session;
    private ScheduledFuture<?> retry;
    private long retryMillis = FIRST_RETRY_MS;
    private String problem;
    private boolean closed;

    BrokerConnection(BrokerSettings settings, ScheduledExecutorService ops) {
        this.settings = settings;
        this.ops = ops;
    }

    BrokerSettings settings() {
        return settings;
    }

    void start() {
        ops.execute(this::connect);
    }

    void add(Subscription subscription) {
        subscriptions.add(subscription);
        ops.execute(() -> {
            if (closed) {
                return;
            }
            if (client != null && client.isConnected()) {
                subscribeMissing();
                if (problem == null && subscribed.containsKey(subscription.filter)) {
                    activate(subscription);
                }
            } else if (problem != null) {
                fail(subscription, problem);
            }
        });
    }

    void remove(Subscription subscription) {
        subscriptions.remove(subscription);
        ops.execute(this::unsubscribeUnused);
    }

    List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /** For tests and diagnostics: completes once {@code filter} is subscribed on the broker. */
    CompletableFuture<Void> subscribedSignal(String filter) {
        return subscribedSignals.computeIfAbsent(filter, f -> new CompletableFuture<>());
    }

    void close() {
        ops.execute(() -> {
            closed = true;
            live = null;
            if (retry != null) {
                retry.cancel(false);
            }
            if (client != null) {
                try {
                    if (client.isConnected()) {
                        client.disconnect(1_000);
                    }
                } catch (MqttException e) {
                    logger.debug("MQTT broker '{}': disconnect failed: {}", settings.name(), e.toString());
                }
                try {
                    client.close(true);
                } catch (MqttException e) {
                    logger.debug("MQTT broker '{}': close failed: {}", settings.name(), e.toString());
                }
                client = null;
            }
        });
    }

    private void connect() {
        retry = null;
        if (closed || (client != null && client.isConnected())) {
            return;
        }
        try {
            if (client == null) {
                String id = settings.clientId() != null ? settings.clientId()
                        : "picloud-" + settings.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
                client = new MqttClient(settings.url(), id, new MemoryPersistence());
                client.setCallback(this);
                client.setManualAcks(true);    // a QoS 1 message is acknowledged once its runs are queued
            }
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(false);      // our own back-off also covers the first connect
            options.setConnectionTimeout(10);
            options.setKeepAliveInterval(30);
            if (settings.username() != null) {
                options.setUserName(settings.username());
            }
            if (settings.password() != null) {
                options.setPassword(settings.password().toCharArray());
            }
            client.connect(options);
        } catch (MqttException | IllegalArgumentException e) {
            unreachable(e);
            return;
        }
        if (problem != null) {
            logger.info("MQTT broker '{}' at {} is reachable again", settings.name(), settings.url());
        } else {
            logger.debug("MQTT broker '{}' connected at {}", settings.name(), settings.url());
        }
        problem = null;
        retryMillis = FIRST_RETRY_MS;
        session++;
        live = client;
        subscribed.clear();
        subscribeMissing();
        for (Subscription s : subscriptions) {
            if (subscribed.containsKey(s.filter)) {
                activate(s);
            }
        }
    }

    /** The broker acknowledged the subscription of the binding's filter: it receives messages from now on. */
    private void activate(Subscription s) {
        if (!s.active) {
            s.active = true;
            s.failed = false;
            s.callback.recovered();
        }
    }

    private void unreachable(Exception e) {
        String reason = "MQTT broker '" + settings.name() + "' at " + settings.url() + " is unreachable ("
                + describe(e) + "); retrying every " + (MAX_RETRY_MS / 1000) + " s at most";
        if (problem == null) {
            logger.warn("{}", reason);
        } else {
            logger.debug("{}", reason);
        }
        problem = reason;
        for (Subscription s : subscriptions) {
            fail(s, reason);
        }
        scheduleRetry();
    }

    private void scheduleRetry() {
        if (closed || retry != null) {
            return;
        }
        retry = ops.schedule(this::connect, retryMillis, TimeUnit.MILLISECONDS);
        retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MS);
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = e.getMessage();
        if (cause != e && cause.getMessage() != null) {
            message = message + ": " + cause.getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private void fail(Subscription subscription, String reason) {
        subscription.failed = true;
        subscription.active = false;
        subscription.callback.failed(reason, null);
    }

    private Map<String, Integer> wanted() {
        Map<String, Integer> wanted = new HashMap<>();
        for (Subscription s : subscriptions) {
            wanted.merge(s.filter, s.qos, Math::max);
        }
        return wanted;
    }

    private void subscribeMissing() {
        for (Map.Entry<String, Integer> e : wanted().entrySet()) {
            Integer current = subscribed.get(e.getKey());
            if (current != null && current >= e.getValue()) {
                continue;
            }
            try {
                // returns once the broker's SUBACK granted it (Paho throws when the SUBACK refuses it)
                client.subscribe(e.getKey(), e.getValue());
                subscribed.put(e.getKey(), e.getValue());
                subscribedSignal(e.getKey()).complete(null);
            } catch (MqttException ex) {
                String reason = "MQTT broker '" + settings.name() + "' refused the subscription to '" + e.getKey()
                        + "' (" + describe(ex) + ")";
                for (Subscription s : subscriptions) {
                    if (s.filter.equals(e.getKey())) {
                        fail(s, reason);
                    }
                }
            }
        }
    }

    private void unsubscribeUnused() {
        Map<String, Integer> wanted = wanted();
        subscribed.keySet().removeIf(filter -> {
            if (wanted.containsKey(filter)) {
                return false;
            }
            subscribedSignals.remove(filter);
            try {
                if (client != null && client.isConnected()) {
                    client.unsubscribe(filter);
                }
            } catch (MqttException e) {
                logger.debug("MQTT broker '{}': unsubscribe '{}' failed: {}", settings.name(), filter, e.toString());
            }
            return true;
        });
    }

    @Override
    public void connectionLost(Throwable cause) {
        ops.execute(() -> {
            if (closed) {
                return;
            }
            subscribed.clear();
            subscribedSignals.clear();
            live = null;
            unreachable(cause instanceof Exception ? (Exception) cause : new Exception(cause));
        });
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        List<Subscription> targets = new ArrayList<>();
        for (Subscription s : subscriptions) {
            if (MqttTopic.isMatched(s.filter, topic)) {
                targets.add(s);
            }
        }
        String text = new String(message.getPayload(), StandardCharsets.UTF_8);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("topic", topic);
        attributes.put("qos", (long) message.getQos());
        attributes.put("retained", message.isRetained());
        attributes.put("broker", settings.name());
        TriggerEvent event = new TriggerEvent(topic, targets.isEmpty() ? null : Json.parseOr(text, text), attributes,
                Instant.now());
        new Delivery(message.getId(), message.getQos(), session, event, targets, this).start();
    }

    // --- Delivery.Channel ---

    @Override
    public boolean open(Subscription subscription) {
        return !closed && subscriptions.contains(subscription);
    }

    @Override
    public void later(Runnable task, long delayMillis) {
        try {
            ops.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            logger.debug("MQTT broker '{}': the plugin stops; a message not queued yet is dropped", settings.name());
        }
    }

    @Override
    public void acknowledge(Delivery delivery) {
        if (delivery.qos == 0) {
            return;
        }
        MqttClient current = live;
        if (current == null || delivery.session != session) {
            // the session it came in ended (clean session): the broker has forgotten it, an ack would be wrong
            logger.debug("MQTT broker '{}': {} not acknowledged, its session ended", settings.name(), delivery);
            return;
        }
        try {
            current.messageArrivedComplete(delivery.messageId, delivery.qos);
        } catch (MqttException e) {
            logger.debug("MQTT broker '{}': acknowledging {} failed: {}", settings.name(), delivery, e.toString());
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // this connection only subscribes
    }
}
