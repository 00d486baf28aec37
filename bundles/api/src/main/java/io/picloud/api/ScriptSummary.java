package io.picloud.api;

import java.time.Instant;

/**
 * A script as listed: its name, active version, when it was last changed, who owns it and who may call it.
 *
 * @param owner the owning user's name; null when unknown
 */
public record ScriptSummary(String name, int activeVersion, String activeHash, int latestVersion, Instant updatedAt,
                            String owner, ScriptAccess access) {
    public ScriptSummary(String name, int activeVersion, String activeHash, int latestVersion, Instant updatedAt) {
        this(name, activeVersion, activeHash, latestVersion, updatedAt, null, ScriptAccess.PUBLIC);
    }
}
