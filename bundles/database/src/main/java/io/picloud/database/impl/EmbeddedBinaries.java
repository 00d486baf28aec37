package io.picloud.database.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PostgreSQL binaries packed in this bundle, unpacked for zonky's {@code EmbeddedPostgres}. */
final class EmbeddedBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBinaries.class);

    private EmbeddedBinaries() {
    }

    /**
     * Unpacks the binaries with the system's {@code tar} (its xz decoder is C: about a second here, against 3-5 s for
     * zonky's Java one) where zonky would, {@code <binDir>/PG-<md5 of the archive>}, and marks them ready as zonky
     * does (a {@code .exists} file newer than everything else in the directory), so that zonky then only checks them.
     * Does nothing when a ready directory is there; when {@code tar} or {@code xz} is missing or fails, it removes
     * what it unpacked and zonky unpacks the binaries itself.
     */
    static void unpackWithSystemTar(Path binDir) {
        try (var dirs = Files.list(binDir)) {
            if (dirs.anyMatch(d -> d.getFileName().toString().startsWith("PG-") && Files.exists(d.resolve(".exists")))) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        Path target = null;
        try {
            byte[] archive;
            try (InputStream in = new EmbeddedDatabase.BundledBinaries().getPgBinary("Linux", System.getProperty("os.arch"))) {
                archive = in.readAllBytes();
            }
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(archive));
            target = binDir.resolve("PG-" + md5);
            Files.createDirectories(target);
            long start = System.nanoTime();
            Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", target.toString())
                    .redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
            try (OutputStream out = tar.getOutputStream()) {
                out.write(archive);
            }
            if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                throw new IOException("tar -xJf ended with " + (tar.isAlive() ? "a timeout" : "exit code " + tar.exitValue()));
            }
            Files.createFile(target.resolve(".exists"));
            LOG.info("Embedded PostgreSQL binaries unpacked to '{}' in {} ms", target, (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            LOG.debug("Unpacking the PostgreSQL binaries with tar did not work ({}); zonky unpacks them", e.toString());
            if (target != null) {
                try (var paths = Files.walk(target)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // zonky unpacks over what is left
                }
            }
        }
    }
}
