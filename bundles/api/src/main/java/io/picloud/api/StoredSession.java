package io.picloud.api;

import java.time.Instant;

/** A browser session as stored (by the hash of its token). */
public record StoredSession(long id, long userId, String username, Role role, Instant createdAt, Instant lastSeenAt) {
}
