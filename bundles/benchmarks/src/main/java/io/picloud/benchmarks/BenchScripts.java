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

    /** The shared reference folder on PiCloud's build machines, used when the property's folder does not exist. */
    static final Path WORKPLACE_DIR = Path.of("/work/shared/rhai/bench");

    private BenchScripts() {
    }

    static String rhai(String name) {
        Path dir = Path.of(System.getProperty(DIR_PROPERTY, "../shared/rhai/bench"));
        if (!Files.isDirectory(dir)) {
            dir = WORKPLACE_DIR;
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
