package io.picloud.trigger.mqtt.impl;

import io.picloud.trigger.api.TriggerCallback;

/** One open mqtt binding: which broker, which topic filter, where events go. Identity matters (not a record). */
final class Subscription {
    final String bindingId;
    final String broker;
    final String filter;
    final int qos;
    final TriggerCallback callback;
    /** Whether this binding was last told it failed. */
    volatile boolean failed;
    /** Whether this binding was told it is ACTIVE (its filter acknowledged by the broker) since it last failed. */
    volatile boolean active;

    Subscription(String bindingId, String broker, String filter, int qos, TriggerCallback callback) {
        this.bindingId = bindingId;
        this.broker = broker;
        this.filter = filter;
        this.qos = qos;
        this.callback = callback;
    }

    @Override
    public String toString() {
        return "Subscription[" + bindingId + " " + broker + " " + filter + " qos " + qos + "]";
    }
}
