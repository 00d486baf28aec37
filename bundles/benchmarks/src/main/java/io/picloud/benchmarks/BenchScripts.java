package io.picloud.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the benchmark programs: Rhai scripts from the shared reference folder, their JavaScript twins from resources. */
final class BenchScripts {
    /** Where the Rhai benchmark scripts live; set with {@code -Drhai.bench.dir=...}. */
    static final String DIR_PROPERTY = "rhai.bench.dir";

    private BenchScripts() {
    }

    static String rhai(String name) {
        Path dir = Path.of(System.getProperty(DIR_PROPERTY, "../shared/rhai/bench"));
        // else the first shared/rhai/bench in the working directory or a parent (the material sits beside the clone)
        for (Path p = Path.of("").toAbsolutePath(); !Files.isDirectory(dir) && p != null; p = p.getParent()) {
            dir = p.resolve("shared/rhai/bench");
        }
        try {
            return Files.readString(dir.resolve(name + ".rhai"));
        } catch (IOException e) {
            throw new UncheckedIOException("Rhai benchmark script not found; set -D" + DIR_PROPERTY, e);
        }
    }

    static String resource(String path) {
        try (InputStream in = BenchScripts.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
