package io.picloud.api;

import java.time.Instant;

/**
 * An API key as listed; never the key itself (only its hash is stored).
 *
 * @param prefix     the first characters of the key, to recognise it
 * @param lastUsedAt null when never used
 */
public record ApiKeyInfo(long id, String userName, Role role, String name, String prefix, Instant createdAt,
                         Instant lastUsedAt, boolean revoked) {
}
