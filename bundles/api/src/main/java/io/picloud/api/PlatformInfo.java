package io.picloud.api;

/**
 * The three version numbers of a running PiCloud (see docs/versioning.md), as reported by
 * {@code GET /api/v1/version} and {@code picloud:version}. Implemented by the manager, which knows the schema.
 */
@org.osgi.annotation.versioning.ProviderType
public interface PlatformInfo {
    /** Product version, semver ({@code 0.1.0}). */
    String productVersion();

    /** REST API version ({@code v1}). */
    String apiVersion();

    /** The number of the latest applied schema changelog; 0 while unknown (database not reached yet). */
    int schemaVersion();
}
