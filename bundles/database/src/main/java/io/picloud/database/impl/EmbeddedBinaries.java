package io.picloud.database.impl;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL binaries packed in this bundle, made ready for zonky's {@code EmbeddedPostgres} where zonky looks
 * for them: {@code <binDir>/PG-<md5>}, zonky's digest of what {@link #resolver()} hands it (here the binaries'
 * version and platform, so that the 15 MB archive is read only to be unpacked), marked ready as zonky does (a
 * {@code .exists} file newer than everything else in the directory), so that zonky only checks them.
 *
 * <p>Three ways, cheapest first: a ready directory is already there; the distribution holds them unpacked at build
 * time ({@code lib/postgresql/PG-<md5>}, see {@code bundles/database-template}): links to them; else the
 * system's {@code tar} unpacks the archive (its xz decoder is C: about a second, against 3-5 s for zonky's Java one).
 * When {@code tar} or {@code xz} is missing or fails, zonky unpacks them itself.
 */
final class EmbeddedBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBinaries.class);
    static final String READY_MARK = ".exists";

    private final String system;
    private final String arch;
    private final String identity;
    private final String md5;
    private byte[] archive;
    private boolean ready;

    private EmbeddedBinaries(String system, String arch, String version) {
        this.system = system;
        this.arch = arch;
        this.identity = "postgres " + version + " " + system + " " + arch;
        this.md5 = HexFormat.of().formatHex(md5(identity.getBytes(StandardCharsets.UTF_8)));
    }

    /** This bundle's binaries for this machine (the archive itself is read only when they must be unpacked). */
    static EmbeddedBinaries packed() throws IOException {
        Properties p = new Properties();
        try (InputStream in = EmbeddedBinaries.class.getResourceAsStream("binaries.properties")) {
            p.load(in);
        }
        return new EmbeddedBinaries("Linux", System.getProperty("os.arch"), p.getProperty("version"));
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of the binaries' version, system and architecture: names their directory, marks a template. */
    String md5() {
        return md5;
    }

    /** The directory name zonky looks for, under its working directory. */
    String directoryName() {
        return "PG-" + md5;
    }

    /**
     * For zonky, which reads the whole stream and looks for {@code PG-<its md5>}: once {@link #prepare} has made the
     * binaries ready, the identity whose digest names them (a 15 MB archive not read at every start); otherwise the
     * archive, which zonky unpacks itself.
     */
    PgBinaryResolver resolver() {
        return (os, machineHardware) -> new ByteArrayInputStream(ready ? identity.getBytes(StandardCharsets.UTF_8) : archive());
    }

    private byte[] archive() throws IOException {
        if (archive == null) {
            try (InputStream in = archive(system, arch)) {
                archive = in.readAllBytes();
            }
        }
        return archive;
    }

    /**
     * Makes {@code <binDir>/PG-<md5>} ready: there already, links to the distribution's {@code prepared/PG-<md5>} when
     * that holds runnable binaries (null: none), or unpacked with {@code tar}.
     */
    void prepare(Path binDir, Path prepared) {
        Path target = binDir.resolve(directoryName());
        Path distribution = prepared == null ? null : prepared.resolve(directoryName());
        ready = isReady(target)
                || distribution != null && isRunnable(distribution) && link(distribution, target)
                || unpackWithSystemTar(target);
        if (ready) {
            archive = null; // zonky only gets the identity now
            removeOthers(binDir, target);
        }
    }

    /** Binaries of earlier versions (or named by zonky's digest of the archive, before 2026-12-08): 60 MB each. */
    private static void removeOthers(Path binDir, Path current) {
        try (Stream<Path> dirs = Files.list(binDir)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("PG-") && !d.equals(current)).toList()) {
                deleteTree(dir);
                LOG.info("Removed the PostgreSQL binaries of another version, '{}'", dir);
            }
        } catch (IOException e) {
            LOG.debug("Could not remove older PostgreSQL binaries in '{}': {}", binDir, e.toString());
        }
    }

    /**
     * Makes {@code target} a directory of links to the entries of {@code source} ({@code bin}, {@code lib},
     * {@code share}) and marks it ready last, so that zonky judges it by times of this start: archivers do not all
     * keep the times of the distribution's files in order. True when zonky will find it ready.
     */
    private static boolean link(Path source, Path target) {
        try {
            deleteTree(target);
            Files.createDirectories(target);
            try (Stream<Path> entries = Files.list(source)) {
                for (Path entry : entries.filter(p -> !p.getFileName().toString().equals(READY_MARK)).toList()) {
                    Files.createSymbolicLink(target.resolve(entry.getFileName().toString()), entry.toAbsolutePath());
                }
            }
            Files.createFile(target.resolve(READY_MARK));
            if (isReady(target)) {
                LOG.info("Embedded PostgreSQL binaries: the distribution's, in '{}'", source);
                return true;
            }
            LOG.debug("The distribution's PostgreSQL binaries in '{}' have times ahead of this clock; unpacking them", source);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Could not link the distribution's PostgreSQL binaries ({}); unpacking them", e.toString());
        }
        try {
            deleteTree(target);
        } catch (IOException ignored) {
            // unpacked over
        }
        return false;
    }

    /** Marked ready and runnable: an unpacker that lost the executable bits (some do) leaves binaries not used. */
    static boolean isRunnable(Path dir) {
        if (!Files.isRegularFile(dir.resolve(READY_MARK))) {
            return false;
        }
        for (String tool : new String[] {"postgres", "initdb", "pg_ctl"}) {
            if (!Files.isExecutable(dir.resolve("bin").resolve(tool))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runnable and ready as zonky judges it: its {@code .exists} mark newer than every other entry (links followed)
     * and not older than the directory; else zonky would unpack the archive over it.
     */
    static boolean isReady(Path dir) {
        if (!isRunnable(dir)) {
            return false;
        }
        long marked = dir.resolve(READY_MARK).toFile().lastModified();
        if (dir.toFile().lastModified() - 100 > marked) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().equals(READY_MARK))
                    .allMatch(p -> p.toFile().lastModified() <= marked);
        } catch (IOException e) {
            return false;
        }
    }

    /** True when unpacked and ready; false when zonky is to unpack them. */
    private boolean unpackWithSystemTar(Path target) {
        try {
            deleteTree(target);
            Files.createDirectories(target);
            long start = System.nanoTime();
            Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", target.toString())
                    .redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
            try (OutputStream out = tar.getOutputStream()) {
                out.write(archive());
            }
            if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                throw new IOException("tar -xJf ended with " + (tar.isAlive() ? "a timeout" : "exit code " + tar.exitValue()));
            }
            Files.createFile(target.resolve(READY_MARK));
            LOG.info("Embedded PostgreSQL binaries unpacked to '{}' in {} ms", target, (System.nanoTime() - start) / 1_000_000);
            return isReady(target);
        } catch (Exception e) {
            LOG.debug("Unpacking the PostgreSQL binaries with tar did not work ({}); zonky unpacks them", e.toString());
            try {
                deleteTree(target);
            } catch (IOException ignored) {
                // zonky unpacks over what is left
            }
        }
        return false;
    }

    /** Deletes {@code path}: a link itself (never what it points to), or a directory with everything in it. */
    static void deleteTree(Path path) throws IOException {
        if (Files.isSymbolicLink(path) || !Files.isDirectory(path)) {
            Files.deleteIfExists(path);
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Finds {@code postgres-<os>-<arch>.txz} among this bundle's own resources. */
    static InputStream archive(String system, String machineHardware) throws IOException {
        String arch = machineHardware.toLowerCase(Locale.ROOT);
        if (arch.equals("amd64")) {
            arch = "x86_64";
        }
        String name = "/postgres-" + system.toLowerCase(Locale.ROOT) + "-" + arch + ".txz";
        InputStream in = EmbeddedBinaries.class.getResourceAsStream(name);
        if (in == null) {
            throw new FileNotFoundException("No embedded PostgreSQL binaries for " + system + "/" + machineHardware
                    + " (" + name + "); configure an external database with PICLOUD_DB_URL");
        }
        return in;
    }
}
