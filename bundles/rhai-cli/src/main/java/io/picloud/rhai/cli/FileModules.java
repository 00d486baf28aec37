package io.picloud.rhai.cli;

import io.picloud.rhai.ModuleResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code import "x"} read from {@code x.rhai} in a base directory (the running script's), as Rhai's
 * {@code rhai-run} does with its file module resolver.
 */
final class FileModules implements ModuleResolver {
    private final Path base;

    FileModules(Path base) {
        this.base = base;
    }

    @Override
    public Optional<String> resolve(String path) {
        Path file = base.resolve(path.endsWith(".rhai") ? path : path + ".rhai");
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
