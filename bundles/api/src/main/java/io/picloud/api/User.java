package io.picloud.api;

import java.time.Instant;

/** A control-plane user as stored (never the password hash). */
public record User(long id, String username, Role role, boolean active, Instant createdAt, boolean hasPassword) {
}
