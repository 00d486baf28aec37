package io.picloud.trigger.api;

/**
 * One open binding, returned by {@link TriggerType#open}. Closing it stops every event of the binding: after
 * {@link #close()} returns, the plugin calls the binding's {@link TriggerCallback} no more (a run already started
 * may still finish). Called once by the runtime; implementations tolerate a second call.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface TriggerHandle extends AutoCloseable {
    /** Stops the binding. Must not block for long and must not throw. */
    @Override
    void close();
}
