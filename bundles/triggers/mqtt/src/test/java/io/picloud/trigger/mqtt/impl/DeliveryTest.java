package io.picloud.trigger.mqtt.impl;

import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerResult;
import org.junit.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** A message is acknowledged only once every matching binding has its run queued; QoS 1 is offered again. */
public class DeliveryTest {
    /** The connection: records acknowledgements and holds delayed tasks until the test runs them. */
    private static final class Channel implements Delivery.Channel {
        final List<Delivery> acknowledged = new ArrayList<>();
        final Deque<Runnable> later = new ArrayDeque<>();
        final List<Long> delays = new ArrayList<>();
        final Set<Subscription> open = new HashSet<>();

        @Override
        public boolean open(Subscription subscription) {
            return open.contains(subscription);
        }

        @Override
        public void later(Runnable task, long delayMillis) {
            later.add(task);
            delays.add(delayMillis);
        }

        @Override
        public void acknowledge(Delivery delivery) {
            acknowledged.add(delivery);
        }

        void runLater() {
            later.poll().run();
        }
    }

    /** A binding whose fires answer from a script of results (then ok). */
    private static final class Binding implements TriggerCallback {
        final Deque<TriggerResult> answers = new ArrayDeque<>();
        int fired;

        @Override
        public CompletionStage<TriggerResult> fire(TriggerEvent event) {
            fired++;
            TriggerResult next = answers.poll();
            return CompletableFuture.completedFuture(next != null ? next : TriggerResult.ok(Map.of("run", 1L)));
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
        }

        @Override
        public void recovered() {
        }
    }

    private static final TriggerResult AWAY = TriggerResult.error(TriggerResult.UNAVAILABLE,
            "the run could not be queued now (database unavailable)", 0, 0);
    private final Channel channel = new Channel();

    private Subscription subscription(String id, Binding binding) {
        Subscription s = new Subscription(id, "default", "a/#", 1, binding);
        channel.open.add(s);
        return s;
    }

    private Delivery delivery(int qos, Subscription... targets) {
        return new Delivery(7, qos, 1, new TriggerEvent("a/b", "x", Map.of(), Instant.EPOCH), List.of(targets),
                channel);
    }

    @Test
    public void aQosOneMessageIsOfferedAgainWhileItCannotBeQueuedAndAcknowledgedOnlyThen() {
        Binding binding = new Binding();
        binding.answers.add(AWAY);
        binding.answers.add(AWAY);
        Delivery d = delivery(1, subscription("b1", binding));
        d.start();
        assertTrue("not acknowledged while not queued", channel.acknowledged.isEmpty());
        channel.runLater();
        assertTrue(channel.acknowledged.isEmpty());
        channel.runLater();
        assertEquals(3, binding.fired);
        assertEquals(List.of(d), channel.acknowledged);
        assertEquals("back-off doubles", List.of(Delivery.FIRST_RETRY_MS, 2 * Delivery.FIRST_RETRY_MS),
                channel.delays);
    }

    @Test
    public void everyMatchingBindingMustHaveItQueuedBeforeTheAcknowledgement() {
        Binding ok = new Binding();
        Binding away = new Binding();
        away.answers.add(AWAY);
        Delivery d = delivery(1, subscription("b1", ok), subscription("b2", away));
        d.start();
        assertEquals(1, ok.fired);
        assertTrue(channel.acknowledged.isEmpty());
        channel.runLater();
        assertEquals("the queued one is not offered again", 1, ok.fired);
        assertEquals(2, away.fired);
        assertEquals(List.of(d), channel.acknowledged);
    }

    @Test
    public void aClosedBindingOrAMissingScriptEndsTheDeliveryAndQosZeroIsOfferedOnce() {
        Binding away = new Binding();
        away.answers.add(AWAY);
        Subscription closing = subscription("b1", away);
        Delivery d = delivery(1, closing);
        d.start();
        channel.open.remove(closing);           // the binding closed meanwhile: nothing to queue it for
        channel.runLater();
        assertEquals(1, away.fired);
        assertEquals(List.of(d), channel.acknowledged);

        Binding missing = new Binding();
        missing.answers.add(TriggerResult.error(TriggerResult.SCRIPT_NOT_FOUND, "no script", 0, 0));
        Delivery gone = delivery(1, subscription("b2", missing));
        gone.start();
        assertEquals("never runnable: not held", List.of(d, gone), channel.acknowledged);

        Binding once = new Binding();
        once.answers.add(AWAY);
        delivery(0, subscription("b3", once)).start();
        assertTrue("QoS 0 is at most once: no retry", channel.later.isEmpty());
        assertEquals(1, once.fired);
    }
}
