package io.picloud.database.impl;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's first-start template: a data directory made at build time by the same code as a first
 * start (initdb, the {@code picloud} database) with the schema migrated, so that a first start copies it instead of
 * running initdb and the migration (about 2 s of a 6 s first launch on a small machine). The distribution holds
 * it in {@code lib/postgresql/template}, beside the binaries it was made with ({@code lib/postgresql/PG-<md5>}).
 *
 * <p>Every installation must have a superuser password of its own, so the template has none: its role cannot log in
 * at all. A first start copies it to a directory beside the data directory, sets a new random password in
 * single-user mode (no server listens, nothing can connect), keeps it ({@code picloud-password}, 0600) and only then
 * renames the copy to the data directory: a start that ends half way leaves no data directory, and the next start
 * begins again. A template made with other binaries than the bundle's (its {@link #MARK} holds their digest) is not
 * used: the first start then runs initdb as before.
 *
 * <p>Public for the build tool only ({@code bundles/database-template}); the package is not exported.
 */
public final class EmbeddedTemplate {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTemplate.class);

    /** In the template: the digest of the binaries' archive it was made with. */
    static final String MARK = "picloud-template";
    /** The template's directory under the distribution's {@code lib/postgresql}. */
    public static final String DIRECTORY = "template";
    /** Files of a started server that a template must not carry. */
    private static final List<String> RUNTIME_FILES = List.of(EmbeddedCredentials.PASSWORD_FILE, "postmaster.opts",
            "postmaster.pid", "epg-lock");

    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    /** Brings a database to the schema a template holds: the store's migrations. */
    @FunctionalInterface
    public interface Migration {
        void migrate(Connection connection) throws Exception;
    }

    private EmbeddedTemplate() {
    }

    /**
     * Makes {@code <out>/PG-<md5>} (the binaries, unpacked) and {@code <out>/template} (the data directory, migrated by
     * {@code migration}, the superuser without a password), for the distribution's {@code lib/postgresql}.
     */
    public static void build(Path out, Migration migration) throws Exception {
        Path dataDir = out.resolve(DIRECTORY);
        EmbeddedBinaries.deleteTree(dataDir);
        EmbeddedBinaries binaries = EmbeddedBinaries.packed();
        String walSegment;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, out, 0, EmbeddedDatabase.DEFAULT_MAX_CONNECTIONS, null)) {
            migration.migrate(db.connect(EmbeddedDatabase.DATABASE));
            try (Connection c = db.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("ALTER ROLE " + EmbeddedDatabase.SUPERUSER + " WITH PASSWORD NULL");
                // a new WAL segment, all zeros but its first records (a copy skips the zeros); the full one goes
                s.execute("SELECT pg_switch_wal()");
                s.execute("CHECKPOINT");
                try (ResultSet rs = s.executeQuery("SELECT pg_walfile_name(pg_current_wal_lsn())")) {
                    rs.next();
                    walSegment = rs.getString(1);
                }
            }
        }
        removeWalSegmentsBut(dataDir.resolve("pg_wal"), walSegment);
        for (String name : RUNTIME_FILES) {
            Files.deleteIfExists(dataDir.resolve(name));
        }
        Files.deleteIfExists(dataDir.resolveSibling("postgres.log"));
        trimLibraries(out.resolve(binaries.directoryName()).resolve("lib"));
        Files.writeString(dataDir.resolve(MARK), binaries.md5() + "\n", StandardCharsets.UTF_8);
        // zonky makes its working directory writable by everyone; the distribution's must not be
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        LOG.info("Embedded PostgreSQL template in '{}' (binaries {})", dataDir, binaries.md5());
    }

    /**
     * After a clean shutdown only the segment holding its checkpoint is needed: the others are the old one, recycled
     * under a name ahead (PostgreSQL makes a segment when it gets there).
     */
    private static void removeWalSegmentsBut(Path wal, String current) throws IOException {
        try (Stream<Path> files = Files.list(wal)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.getFileName().toString().matches("[0-9A-F]{24}") && !f.getFileName().toString().equals(current)) {
                    Files.delete(f);
                }
            }
        }
    }

    /**
     * What the server needs of the binaries' {@code lib}, each file once: archivers (Karaf's among them) store a
     * link as a copy of its target, which made three copies of ICU's 27 MB data. Each library under the name the
     * programs ask the loader for ({@code libicudata.so.60}: the link becomes the file), no build-time names
     * ({@code libicudata.so}), no static libraries.
     */
    private static void trimLibraries(Path lib) throws IOException {
        Pattern soname = Pattern.compile("lib.+\\.so\\.\\d+");
        try (Stream<Path> entries = Files.list(lib)) {
            for (Path link : entries.filter(Files::isSymbolicLink).toList()) {
                Path target = lib.resolve(Files.readSymbolicLink(link).toString());
                if (soname.matcher(link.getFileName().toString()).matches() && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(link);
                    Files.move(target, link);
                }
            }
        }
        try (Stream<Path> entries = Files.list(lib)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (Files.isSymbolicLink(p) || name.endsWith(".a") || name.equals("pkgconfig")) {
                    EmbeddedBinaries.deleteTree(p);
                }
            }
        }
    }

    /**
     * At a first start: copies {@code template} to {@code dataDir} with a new password, set with the binaries in
     * {@code pgDir}; false (nothing done) when the template is missing or was made with other binaries than
     * {@code binaries}, or {@code dataDir} holds anything.
     */
    static boolean copy(Path template, Path dataDir, Path pgDir, EmbeddedBinaries binaries, String password)
            throws IOException {
        Path mark = template.resolve(MARK);
        if (!Files.isRegularFile(mark) || !Files.readString(mark).strip().equals(binaries.md5())) {
            return false;
        }
        if (Files.exists(dataDir)) {
            try (Stream<Path> entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    return false;
                }
            }
        }
        long start = System.nanoTime();
        Path copy = dataDir.resolveSibling(dataDir.getFileName() + ".from-template");
        EmbeddedBinaries.deleteTree(copy);
        long copied;
        try {
            copyTree(template, copy);
            copied = System.nanoTime();
            Files.delete(copy.resolve(MARK));
            setPassword(copy, pgDir, password);
            EmbeddedCredentials.write(copy.resolve(EmbeddedCredentials.PASSWORD_FILE), password);
            Files.deleteIfExists(dataDir);
            Files.move(copy, dataDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            EmbeddedBinaries.deleteTree(copy); // initdb then makes the data directory
            throw e;
        }
        LOG.info("Embedded PostgreSQL: data directory '{}' made from the distribution's template (copied in {} ms, "
                + "password set in {} ms)", dataDir, (copied - start) / 1_000_000, (System.nanoTime() - copied) / 1_000_000);
        return true;
    }

    /**
     * Copies a tree, for PiCloud's user only as initdb makes it (an archive may have widened the template's modes):
     * with {@code cp} and {@code chmod}, which keep the WAL segment's zeros out of the copy, else in Java.
     */
    private static void copyTree(Path from, Path to) throws IOException {
        try {
            // sparse: most of the WAL segment is zeros
            run("cp", "-R", "--sparse=always", from.toString(), to.toString());
            run("chmod", "-R", "go=", to.toString());
            return;
        } catch (IOException e) {
            LOG.debug("Copying the template with cp did not work ({}); copying it in Java", e.toString());
            EmbeddedBinaries.deleteTree(to);
        }
        copyTreeInJava(from, to);
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(command[0] + " did not succeed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    private static void copyTreeInJava(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectory(target, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
                } else {
                    Files.copy(source, target);
                    Files.setPosixFilePermissions(target, OWNER_FILE);
                }
            }
        }
    }

    /**
     * Sets the superuser's password in single-user mode: {@code postgres --single} reads the statement from its
     * standard input (never a command line others could read) and opens no socket. As root, under {@code unshare -U}
     * as zonky runs every PostgreSQL command (the server refuses to run as root).
     */
    private static void setPassword(Path dataDir, Path pgDir, String password) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgDir.resolve("bin").resolve("postgres").toString(), "--single", "-D", dataDir.toString(),
                "-c", "password_encryption=" + EmbeddedCredentials.SCRAM, "-c", "shared_buffers=16MB",
                "-c", "listen_addresses=", "postgres"));
        Process single = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = single.getOutputStream()) {
            in.write(("ALTER ROLE " + EmbeddedDatabase.SUPERUSER + " WITH PASSWORD '" + password + "'\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(single.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!single.waitFor(60, TimeUnit.SECONDS)) {
                single.destroyForcibly();
                throw new IOException("postgres --single did not end in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            single.destroyForcibly();
            throw new IOException("interrupted while setting the embedded PostgreSQL's password", e);
        }
        // single-user mode reports a failed statement and still ends with 0
        if (single.exitValue() != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
            throw new IOException("postgres --single could not set the password (exit code " + single.exitValue()
                    + "): " + output.replace(password, "***").strip());
        }
    }
}
