package io.picloud.trigger.api;

import java.util.Objects;

/**
 * What a trigger type is, for the manager's REST API, the dashboard's forms and the shell.
 *
 * @param id           the type id, also the {@link TriggerType#PROPERTY_TYPE} service property
 *                     ({@code [a-z][a-z0-9-]*})
 * @param label        a short human name
 * @param description  one or two sentences
 * @param configSchema the JSON Schema (draft 2020-12) of the binding configuration, as JSON text. Fields that hold
 *                     secrets carry {@code "writeOnly": true}; clients must not echo them.
 * @param respondsToRequests true for a type that answers a caller with the script's result (http routes,
 *                     webhooks): its {@link TriggerCallback#fire} runs the script and completes with its result.
 *                     False (the default) for a type whose events nobody waits for (cron, MQTT, internal events):
 *                     its fired events go through the durable run queue, with the script's retry policy, and
 *                     {@code fire} completes once the run is queued. Since 0.7.
 */
public record TriggerDescriptor(String id, String label, String description, String configSchema,
                                boolean respondsToRequests) {
    /** A type whose events are queued ({@code respondsToRequests = false}). */
    public TriggerDescriptor(String id, String label, String description, String configSchema) {
        this(id, label, description, configSchema, false);
    }

    public TriggerDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(configSchema, "configSchema");
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("trigger type id must match [a-z][a-z0-9-]*: " + id);
        }
    }
}
