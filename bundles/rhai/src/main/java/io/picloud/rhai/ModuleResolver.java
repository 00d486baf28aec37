package io.picloud.rhai;

import java.util.Optional;

/** Supplies the source of a module named in {@code import "path" as name;}. Must be thread-safe. */
@FunctionalInterface
public interface ModuleResolver {
    /** The module's source, or empty when there is no such module ({@code ErrorModuleNotFound}). */
    Optional<String> resolve(String path);
}
