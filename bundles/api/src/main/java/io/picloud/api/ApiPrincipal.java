package io.picloud.api;

/** Who made a control-plane call: the user behind an API key, and that key. */
public record ApiPrincipal(long userId, String userName, Role role, long keyId) {
}
