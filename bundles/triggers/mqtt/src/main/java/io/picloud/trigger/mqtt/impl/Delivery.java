package io.picloud.trigger.mqtt.impl;

import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One received message on its way into the run queue: fired for every binding whose filter matches, and, for QoS 1,
 * acknowledged to the broker only once every one of them has its run queued. While the runtime cannot queue it
 * (database away) a QoS 1 message is offered again with back-off (1 s doubling to 30 s) as long as its binding is
 * open; the broker holds back further QoS 1 messages meanwhile once its in-flight window is full, so an outage of
 * the database loses none of them unless this connection ends first (a clean session: the broker drops what was
 * not acknowledged). A QoS 0 message is offered once. Thread-safe.
 */
final class Delivery {
    private static final Logger logger = LoggerFactory.getLogger(Delivery.class);
    static final long FIRST_RETRY_MS = 1_000;
    static final long MAX_RETRY_MS = 30_000;

    /** What a delivery needs from its connection. */
    interface Channel {
        /** Whether {@code subscription} is still open on the connection (a closed binding gets nothing more). */
        boolean open(Subscription subscription);

        /** Runs {@code task} after {@code delayMillis} on the connection's operations thread. */
        void later(Runnable task, long delayMillis);

        /** The message was handled: acknowledge it to the broker if it is still the same session. */
        void acknowledge(Delivery delivery);
    }

    final int messageId;
    final int qos;
    /** The connection's session when the message arrived: an acknowledgement on a later session is not sent. */
    final long session;
    private final TriggerEvent event;
    private final Channel channel;
    // guarded by this
    private final Set<Subscription> waiting;
    private long retryMillis = FIRST_RETRY_MS;

    Delivery(int messageId, int qos, long session, TriggerEvent event, List<Subscription> targets, Channel channel) {
        this.messageId = messageId;
        this.qos = qos;
        this.session = session;
        this.event = event;
        this.channel = channel;
        this.waiting = new LinkedHashSet<>(targets);
    }

    void start() {
        List<Subscription> targets;
        synchronized (this) {
            targets = List.copyOf(waiting);
        }
        if (targets.isEmpty()) {
            channel.acknowledge(this);      // nobody subscribes any more: nothing to keep it for
            return;
        }
        targets.forEach(this::offer);
    }

    private void offer(Subscription s) {
        CompletionStage<TriggerResult> stage;
        try {
            stage = s.callback.fire(event);
        } catch (RuntimeException e) {
            logger.warn("MQTT binding '{}': the runtime refused a message on '{}': {}", s.bindingId, event.source(),
                    e.toString());
            handled(s, TriggerResult.error(TriggerResult.UNAVAILABLE, e.toString(), 0, 0));
            return;
        }
        stage.whenComplete((result, error) -> handled(s, result != null ? result
                : TriggerResult.error(TriggerResult.UNAVAILABLE, String.valueOf(error), 0, 0)));
    }

    private void handled(Subscription s, TriggerResult result) {
        if (TriggerResult.UNAVAILABLE.equals(result.errorKind()) && qos > 0 && channel.open(s)) {
            long delay;
            synchronized (this) {
                delay = retryMillis;
                retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MS);
            }
            logger.debug("MQTT binding '{}': message on '{}' not queued ({}); offered again in {} ms", s.bindingId,
                    event.source(), result.message(), delay);
            channel.later(() -> {
                if (channel.open(s)) {
                    offer(s);
                } else {
                    handled(s, result);
                }
            }, delay);
            return;
        }
        if (!result.succeeded()) {
            logger.debug("MQTT binding '{}': message on '{}' not queued: {} {}", s.bindingId, event.source(),
                    result.errorKind(), result.message());
        }
        boolean done;
        synchronized (this) {
            waiting.remove(s);
            done = waiting.isEmpty();
        }
        if (done) {
            channel.acknowledge(this);
        }
    }

    @Override
    public String toString() {
        return "Delivery[" + event.source() + " id " + messageId + " qos " + qos + "]";
    }
}
