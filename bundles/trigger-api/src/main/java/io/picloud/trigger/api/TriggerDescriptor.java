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
 */
public record TriggerDescriptor(String id, String label, String description, String configSchema) {
    public TriggerDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(configSchema, "configSchema");
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("trigger type id must match [a-z][a-z0-9-]*: " + id);
        }
    }
}
