package io.picloud.trigger.api;

import java.util.List;

/**
 * What {@link TriggerType#validate(java.util.Map, ValidationContext)} may know beyond the configuration: which
 * binding is being saved, and the other stored bindings of the same type, cluster-wide. Implemented by the manager,
 * one instance per validation; a plugin only calls it.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ValidationContext {
    /** The id of the binding being saved, or null when it is being created. */
    String bindingId();

    /**
     * Every other stored binding of the validated type, enabled or not, as stored in the database shared by all
     * nodes (not only those open on this node); the binding being saved is not among them. Read when called, so
     * types that do not need it cost nothing. Two saves racing each other may both pass: a plugin still refuses
     * conflicts in {@link TriggerType#open}.
     *
     * @throws TriggerException when the stored bindings cannot be read now (the save is refused)
     */
    List<TriggerBinding> otherBindings() throws TriggerException;
}
