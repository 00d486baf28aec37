package io.picloud.api.control;

import java.util.Set;

import io.picloud.api.Role;

/**
 * Who makes a control-plane call, and how: a user with their role, authenticated by an API key, a browser session
 * or the Karaf shell.
 *
 * @param keyId   the API key used, or 0 when none (session, shell)
 * @param keyRole the key's own role when it has one below the user's (a key never has more rights than its user),
 *                else the user's role
 * @param scripts the scripts an invoke-only key may call; empty for a full key
 * @param channel how the caller came in
 * @param address the client's address, for the audit log; null when unknown
 */
public record Principal(long userId, String username, Role keyRole, long keyId, Set<String> scripts,
                        Channel channel, String address) {
    public enum Channel { KEY, SESSION, SHELL }

    public Principal {
        scripts = scripts == null ? Set.of() : Set.copyOf(scripts);
    }

    /** The rights this call has: the key's role when narrower than the user's. */
    public Role role() {
        return keyRole;
    }

    /** True for a key limited to invoking some scripts' endpoints: it may do nothing on the control plane. */
    public boolean invokeOnly() {
        return !scripts.isEmpty();
    }

    /** The actor as written to the audit log: {@code shell:<user>} for the shell. */
    public String actor() {
        return channel == Channel.SHELL ? "shell:" + username : username;
    }

    public Principal withAddress(String address) {
        return new Principal(userId, username, keyRole, keyId, scripts, channel, address);
    }
}
