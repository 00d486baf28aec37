package io.picloud.api.control;

/**
 * Which script names exist, answered from memory on the request path: the names are read once and kept current by
 * the script-change notifications (a reconnect of the notification connection re-reads them), so a flood of calls
 * to random names costs no database query each. Thread-safe and never blocks longer than one read of the names
 * (only while they could not be read yet).
 */
@org.osgi.annotation.versioning.ProviderType
public interface KnownScripts {
    /**
     * False only when no script named {@code name} exists (as far as the notifications tell); true when it exists,
     * was changed lately, or the names could not be read yet — then the caller asks the store.
     */
    boolean mayExist(String name);
}
