package io.picloud.trigger.mqtt.impl;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerResult;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Against the real Mosquitto on 127.0.0.1:1883; every test uses its own topics. */
public class MqttTriggerTypeTest {
    private final MqttTriggerType type = new MqttTriggerType();
    private final String base = "picloud-test/" + UUID.randomUUID();
    private MqttClient publisher;

    static final class Recorder implements TriggerCallback {
        final BlockingQueue<TriggerEvent> events = new LinkedBlockingQueue<>();
        final BlockingQueue<String> failures = new LinkedBlockingQueue<>();
        final BlockingQueue<Boolean> recoveries = new LinkedBlockingQueue<>();
        final BlockingQueue<String> startings = new LinkedBlockingQueue<>();
        /** Every status report in order: STARTING, ACTIVE, ERROR. */
        final BlockingQueue<String> statuses = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<TriggerResult> fire(TriggerEvent event) {
            events.add(event);
            return CompletableFuture.completedFuture(TriggerResult.ok(null));
        }

        @Override
        public TriggerResult fireNow(TriggerEvent event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean claim(String key) {
            return true;
        }

        @Override
        public void failed(String reason, Throwable cause) {
            failures.add(reason);
            statuses.add("ERROR");
        }

        @Override
        public void recovered() {
            recoveries.add(true);
            statuses.add("ACTIVE");
        }

        @Override
        public void starting(String reason) {
            startings.add(reason);
            statuses.add("STARTING");
        }
    }

    @Before
    public void connectPublisher() throws Exception {
        publisher = new MqttClient("tcp://127.0.0.1:1883", "picloud-test-pub-" + UUID.randomUUID(),
                new MemoryPersistence());
        publisher.connect();
    }

    @After
    public void stop() throws Exception {
        type.deactivate();
        publisher.disconnect();
        publisher.close();
    }

    private TriggerHandle open(String id, Recorder callback, Object... pairs) throws Exception {
        Map<String, Object> config = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return type.open(new TriggerBinding(id, "mqtt", "on-message", config, true, null), callback);
    }

    private void awaitSubscribed(String broker, String filter) throws Exception {
        BrokerConnection connection = type.connectionOf(broker);
        assertNotNull("no connection to " + broker, connection);
        connection.subscribedSignal(filter).get(20, TimeUnit.SECONDS);
    }

    private void publish(String topic, String payload, int qos) throws Exception {
        publisher.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8)) {
            {
                setQos(qos);
            }
        });
    }

    static MqttBrokerConfiguration broker(String name, String url) {
        return new MqttBrokerConfiguration(new MqttBrokerConfiguration.Config() {
            public String name() {
                return name;
            }

            public String url() {
                return url;
            }

            public String username() {
                return "";
            }

            public String password() {
                return "";
            }

            public String clientId() {
                return "";
            }

            public Class<? extends Annotation> annotationType() {
                return MqttBrokerConfiguration.Config.class;
            }
        });
    }

    @Test(timeout = 60_000)
    public void jsonPayloadOnTheDefaultBrokerFiresTheBinding() throws Exception {
        Recorder callback = new Recorder();
        open("b1", callback, "topic", base + "/+/temperature", "qos", 1L);
        awaitSubscribed("default", base + "/+/temperature");
        publish(base + "/kitchen/temperature", "{\"celsius\":21.5,\"sensor\":7}", 1);
        TriggerEvent event = callback.events.poll(20, TimeUnit.SECONDS);
        assertNotNull("no event", event);
        assertEquals(Map.of("celsius", 21.5, "sensor", 7L), event.payload());
        assertEquals(base + "/kitchen/temperature", event.source());
        assertEquals(base + "/kitchen/temperature", event.attributes().get("topic"));
        assertEquals("default", event.attributes().get("broker"));
        assertTrue(callback.failures.isEmpty());
    }

    @Test(timeout = 60_000)
    public void textPayloadStaysAStringAndEveryMatchingBindingFires() throws Exception {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        Recorder other = new Recorder();
        open("b1", first, "topic", base + "/#");
        open("b2", second, "topic", base + "/door", "broker", "default");
        open("b3", other, "topic", base + "/window");
        awaitSubscribed("default", base + "/#");
        awaitSubscribed("default", base + "/door");
        awaitSubscribed("default", base + "/window");
        publish(base + "/door", "opened", 0);
        publish(base + "/window", "closed", 0);
        assertEquals("opened", second.events.poll(20, TimeUnit.SECONDS).payload());
        assertEquals("closed", other.events.poll(20, TimeUnit.SECONDS).payload());
        // the wildcard binding sees both, in order
        assertEquals("opened", first.events.poll(20, TimeUnit.SECONDS).payload());
        assertEquals("closed", first.events.poll(20, TimeUnit.SECONDS).payload());
        // the window message was published after the door message; both reached their bindings, so the door
        // binding has nothing more
        assertNull(second.events.poll());
    }

    @Test(timeout = 60_000)
    public void closingTheLastBindingClosesTheConnection() throws Exception {
        Recorder callback = new Recorder();
        TriggerHandle handle = open("b1", callback, "topic", base + "/x");
        awaitSubscribed("default", base + "/x");
        handle.close();
        handle.close();
        assertNull(type.connectionOf("default"));
    }

    @Test(timeout = 60_000)
    public void unreachableBrokerPutsTheBindingInErrorWithTheReason() throws Exception {
        type.addBroker(broker("down", "tcp://127.0.0.1:1"));
        Recorder callback = new Recorder();
        open("b1", callback, "topic", base + "/x", "broker", "down");
        String reason = callback.failures.poll(20, TimeUnit.SECONDS);
        assertNotNull(reason);
        assertTrue(reason, reason.contains("'down'") && reason.contains("tcp://127.0.0.1:1")
                && reason.contains("unreachable"));
    }

    @Test(timeout = 60_000)
    public void unknownBrokerFailsUntilConfiguredThenRecovers() throws Exception {
        Recorder callback = new Recorder();
        open("b1", callback, "topic", base + "/later", "broker", "local");
        String reason = callback.failures.poll(20, TimeUnit.SECONDS);
        assertTrue(reason, reason.contains("not configured") && reason.contains("broker-local.cfg"));
        type.addBroker(broker("local", "tcp://127.0.0.1:1883"));
        assertEquals(Boolean.TRUE, callback.recoveries.poll(20, TimeUnit.SECONDS));
        awaitSubscribed("local", base + "/later");
        publish(base + "/later", "[1,2]", 1);
        assertEquals(java.util.List.of(1L, 2L), callback.events.poll(20, TimeUnit.SECONDS).payload());
    }

    @Test(timeout = 120_000)
    public void aBrokerThatComesUpLaterRecoversTheBindingAndALostOneFailsItAgain() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        type.addBroker(broker("flaky", "tcp://127.0.0.1:" + port));
        Recorder callback = new Recorder();
        open("b1", callback, "topic", base + "/flaky", "broker", "flaky", "qos", 1L);
        String reason = callback.failures.poll(20, TimeUnit.SECONDS);
        assertTrue(reason, reason.contains("unreachable"));
        Process broker = new ProcessBuilder("mosquitto", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertEquals(Boolean.TRUE, callback.recoveries.poll(60, TimeUnit.SECONDS));
            awaitSubscribed("flaky", base + "/flaky");
            MqttClient local = new MqttClient("tcp://127.0.0.1:" + port, "picloud-test-pub2-" + UUID.randomUUID(),
                    new MemoryPersistence());
            local.connect();
            local.publish(base + "/flaky", "{\"up\":true}".getBytes(StandardCharsets.UTF_8), 1, false);
            local.disconnect();
            local.close();
            assertEquals(Map.of("up", true), callback.events.poll(20, TimeUnit.SECONDS).payload());
            callback.failures.clear();
        } finally {
            broker.destroy();
            broker.waitFor();
        }
        String lost = callback.failures.poll(60, TimeUnit.SECONDS);
        assertNotNull("no failure after the broker stopped", lost);
        assertTrue(lost, lost.contains("'flaky'"));
    }

    @Test(timeout = 60_000)
    public void aBindingIsStartingUntilTheBrokerAcknowledgedItsSubscriptionAndGetsTheFirstMessageAfter()
            throws Exception {
        Recorder callback = new Recorder();
        open("b1", callback, "topic", base + "/first", "qos", 1L);
        assertEquals("told inside open, before anything is sent", "STARTING", callback.statuses.poll());
        assertEquals(MqttTriggerType.STARTING, callback.startings.poll());
        assertEquals("ACTIVE", callback.statuses.poll(20, TimeUnit.SECONDS));
        assertTrue("the subscription was acknowledged before ACTIVE",
                type.connectionOf("default").subscribedSignal(base + "/first").isDone());
        // what a user does: sees ACTIVE, publishes at once; the message must not be lost
        publish(base + "/first", "{\"n\":1}", 1);
        assertEquals(Map.of("n", 1L), callback.events.poll(20, TimeUnit.SECONDS).payload());
        // a second binding on the same, already subscribed filter is ACTIVE without a new subscription
        Recorder second = new Recorder();
        open("b2", second, "topic", base + "/first");
        assertEquals("STARTING", second.statuses.poll());
        assertEquals("ACTIVE", second.statuses.poll(20, TimeUnit.SECONDS));
        assertTrue(callback.failures.isEmpty());
    }

    @Test(timeout = 60_000)
    public void qosOneMessagesAreAcknowledgedOnceQueuedSoTheBrokerKeepsSending() throws Exception {
        Recorder callback = new Recorder();
        open("b1", callback, "topic", base + "/many", "qos", 1L);
        awaitSubscribed("default", base + "/many");
        // Mosquitto sends at most 20 unacknowledged QoS 1 messages to a client (max_inflight_messages): all 50
        // arrive only if each one is acknowledged after its run was queued
        for (int i = 0; i < 50; i++) {
            publish(base + "/many", Integer.toString(i), 1);
        }
        for (int i = 0; i < 50; i++) {
            TriggerEvent event = callback.events.poll(20, TimeUnit.SECONDS);
            assertNotNull("message " + i + " never came", event);
            assertEquals((long) i, event.payload());
        }
    }

    @Test
    public void validationNamesTheField() throws Exception {
        type.validate(Map.of("topic", "a/+/b", "qos", 1L, "broker", "default"));
        assertInvalid("topic", Map.of());
        assertInvalid("topic", Map.of("topic", "a/#/b"));
        assertInvalid("qos", Map.of("topic", "a", "qos", 2L));
        assertInvalid("broker", Map.of("topic", "a", "broker", "no spaces"));
        assertInvalid("topics", Map.of("topics", "a"));
    }

    private void assertInvalid(String field, Map<String, Object> config) {
        try {
            type.validate(config);
            fail("accepted " + config);
        } catch (TriggerConfigException e) {
            assertEquals(e.getMessage(), field, e.field());
        }
    }
}
