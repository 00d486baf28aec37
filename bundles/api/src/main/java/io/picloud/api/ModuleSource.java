package io.picloud.api;

import java.util.Optional;

/**
 * Modules for scripts: {@code import "lib" as lib;} imports the active version of the deployed script {@code lib}.
 * Offered where scripts run (the orchestrator, from its cache of active versions kept current by the store's
 * notifications), so a new version of a module is what importers get from their next run.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ModuleSource {
    /** The active version of script {@code name}; empty when there is none. */
    Optional<ScriptVersion> module(String name);
}
