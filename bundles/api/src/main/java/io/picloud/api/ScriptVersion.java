package io.picloud.api;

import java.time.Instant;

/**
 * One immutable version of a deployed script.
 *
 * @param hash hex SHA-256 of the source; the executor caches compiled scripts by it
 */
public record ScriptVersion(String name, int version, String hash, String source, Instant createdAt) {
}
