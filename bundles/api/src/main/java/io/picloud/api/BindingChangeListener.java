package io.picloud.api;

/**
 * Told after a binding was created, changed or deleted, on every node. Registered as an OSGi service (whiteboard);
 * the {@link BindingStore} implementation calls every listener. Must be quick and must not throw; a listener reads
 * the new state with {@link BindingStore#find}.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface BindingChangeListener {
    void bindingChanged(String id);
}
