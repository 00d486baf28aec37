package io.picloud.api;

import java.time.Instant;

/**
 * One immutable version of a deployed script, with the script's current {@link ScriptSettings} (those belong to
 * the script, not the version: a settings change is seen with any version).
 *
 * @param hash hex SHA-256 of the source; the executor caches compiled scripts by it
 */
public record ScriptVersion(String name, int version, String hash, String source, Instant createdAt,
                            ScriptSettings settings) {
    public ScriptVersion {
        settings = settings == null ? ScriptSettings.DEFAULT : settings;
    }

    /** A version with the default settings. */
    public ScriptVersion(String name, int version, String hash, String source, Instant createdAt) {
        this(name, version, hash, source, createdAt, ScriptSettings.DEFAULT);
    }

    public ScriptVersion withSettings(ScriptSettings newSettings) {
        return new ScriptVersion(name, version, hash, source, createdAt, newSettings);
    }
}
