package io.picloud.trigger.api;

import java.util.Map;

/**
 * A kind of trigger ({@code cron}, {@code mqtt}, {@code webhook} ...), registered by a plugin as an OSGi service with
 * the service property {@link #PROPERTY_TYPE} set to {@link TriggerDescriptor#id()}. The trigger runtime and the
 * manager collect every {@code TriggerType} dynamically: a plugin may arrive, be updated or leave at any time.
 *
 * <p><b>Lifecycle.</b> {@link #validate(Map, ValidationContext)} is called by the manager before a binding is
 * stored. {@link #open} is
 * called by the runtime once per enabled binding; the returned handle is closed exactly once, when the binding is
 * disabled, changed or deleted, or when the runtime or this service goes away. A changed binding is closed and
 * opened again. A plugin must release everything a handle holds (threads, sockets, servlet paths) in
 * {@link TriggerHandle#close()}, and everything else when its component deactivates.
 *
 * <p><b>Threading.</b> All methods may be called concurrently from different threads and must not block for long
 * ({@code open} must not wait for a network connection: connect in the background and report trouble through
 * {@link TriggerCallback#failed}).
 */
@org.osgi.annotation.versioning.ConsumerType
public interface TriggerType {
    /** Service property holding the type id, e.g. {@code trigger.type=cron}. One value per service. */
    String PROPERTY_TYPE = "trigger.type";

    /** What this type is and the JSON Schema of its binding configuration. Constant for the service's life. */
    TriggerDescriptor descriptor();

    /**
     * Checks a binding configuration without opening anything.
     *
     * @throws TriggerConfigException naming the first invalid field
     */
    void validate(Map<String, Object> config) throws TriggerConfigException;

    /**
     * Checks a binding configuration against the other stored bindings of this type, e.g. to refuse a route or a
     * hook path another binding already has. This is what the manager calls; the default checks the configuration
     * alone through {@link #validate(Map)}, so plugins written before it (package version 0.1) keep working.
     *
     * @param context the id of the binding being saved (null when new) and the other bindings of this type
     * @throws TriggerConfigException naming the first invalid or conflicting field
     * @throws TriggerException       the other bindings could not be read (the save is refused, nothing stored)
     * @since 0.2
     */
    default void validate(Map<String, Object> config, ValidationContext context) throws TriggerException {
        validate(config);
    }

    /**
     * Starts listening for {@code binding}. Events go to {@code callback}, which belongs to this binding only.
     * The binding's configuration has passed {@link #validate}, but the plugin validates again and throws if it
     * cannot work with it.
     *
     * @return the handle that stops this binding; never null
     * @throws TriggerConfigException the configuration is invalid (the binding goes to {@code ERROR})
     * @throws TriggerException       the binding cannot be started now (the binding goes to {@code ERROR})
     */
    TriggerHandle open(TriggerBinding binding, TriggerCallback callback) throws TriggerException;
}
