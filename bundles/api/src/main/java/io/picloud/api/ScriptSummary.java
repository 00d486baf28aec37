package io.picloud.api;

import java.time.Instant;

/** A script as listed: its name, active version and when it was last changed. */
public record ScriptSummary(String name, int activeVersion, String activeHash, int latestVersion, Instant updatedAt) {
}
