package io.picloud.api;

/**
 * Told, synchronously, after a deploy, rollback or delete of a script has committed, so caches of the active
 * version can be dropped before the client that made the change gets its answer. Registered as an OSGi service
 * (whiteboard); the {@link ScriptStore} implementation calls every listener on the calling thread.
 *
 * <p>A {@link ScriptStore} that does call its listeners registers with the service property
 * {@link #STORE_NOTIFIES}{@code =true}; consumers may cache {@link ScriptStore#active} results only then.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ScriptChangeListener {
    /** Service property of a {@link ScriptStore} that calls every {@code ScriptChangeListener} after each change. */
    String STORE_NOTIFIES = "picloud.script.change.listeners";

    /** The active version of {@code name} changed or the script was deleted. Must be quick and must not throw. */
    void scriptChanged(String name);
}
