package io.picloud.database.impl;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's process as the OS sees it: its pid from {@code postmaster.pid}, an orphan left by an
 * earlier JVM, and the {@link Watchdog} that stops it when this JVM ends without stopping it. The postmaster
 * daemonizes into a session of its own ({@code pg_ctl}), so neither a signal to PiCloud's process group nor the
 * JVM's death reaches it by itself.
 */
final class Postmaster {

    private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);

    private Postmaster() {
    }

    /** The pid in {@code <dataDir>/postmaster.pid} (its first line), if the file is there and readable. */
    static Optional<Long> readPid(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A postmaster left running by a container that was killed (and its watchdog with it) holds the data
     * directory; stop it with a fast shutdown (SIGINT: sessions end, data is flushed) before starting our own. It
     * is ours when the pid in {@code postmaster.pid} is a live {@code postgres} whose command line names this data
     * directory. Returns whether one was stopped. PostgreSQL itself refuses a second postmaster on a data directory,
     * so one that does not stop in time makes the start fail rather than run two.
     */
    static boolean stopOrphan(Path dataDir) {
        Optional<ProcessHandle> orphan = readPid(dataDir).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dataDir.toString()))
                        .orElse(true));
        if (orphan.isEmpty()) {
            return false;
        }
        ProcessHandle p = orphan.get();
        LOG.warn("Stopping the PostgreSQL server (pid {}) left running on '{}' by an earlier start", p.pid(), dataDir);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).redirectErrorStream(true)
                    .redirectOutput(Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            p.destroy(); // SIGTERM: a smart shutdown, its clients went with the old JVM
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            p.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("PostgreSQL pid {} did not stop in 60 s: {}", p.pid(), e.toString());
        }
        return true;
    }

    /**
     * {@code sh} waiting in {@code read} on a pipe from this JVM (no CPU while it waits). End of file, i.e. this JVM
     * is gone whatever the way (kill -9, a crash, an out-of-memory exit: the kernel closes the pipe), makes it send
     * SIGINT (fast shutdown) to the postmaster, after checking that the pid is still a process of this data
     * directory; the line {@link #STOP}, written by {@link #stop()}, makes it end quietly. What it does goes to
     * {@code postgres.log}.
     */
    static final class Watchdog {
        private static final String STOP = "stop\n";
        private static final String SCRIPT = "read -r line || { grep -qaF -- \"$2\" /proc/$1/cmdline 2>/dev/null "
                + "&& kill -INT \"$1\" && echo \"PiCloud's JVM ended without stopping PostgreSQL (pid $1): stopped it\"; }";

        private final Process process;

        private Watchdog(Process process) {
            this.process = process;
        }

        /** Starts the watchdog of the postmaster {@code pid} of {@code dataDir}; null (logged) when it cannot. */
        static Watchdog start(Path dataDir, long pid) {
            if (pid <= 0) {
                LOG.warn("Embedded PostgreSQL in '{}': no pid in postmaster.pid, no watchdog", dataDir);
                return null;
            }
            Path log = dataDir.resolveSibling("postgres.log");
            try {
                return new Watchdog(new ProcessBuilder("/bin/sh", "-c", SCRIPT, "picloud-postgres-watchdog",
                        Long.toString(pid), dataDir.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(Redirect.appendTo(log.toFile()))
                        .start());
            } catch (IOException e) {
                LOG.warn("Embedded PostgreSQL in '{}': could not start its watchdog ({}); a crash of this JVM would "
                        + "leave the server running until the next start", dataDir, e.toString());
                return null;
            }
        }

        /** The watchdog's process: for tests. */
        Process process() {
            return process;
        }

        /** Tells the watchdog to end without doing anything: before this JVM stops the server itself. */
        void stop() {
            if (!process.isAlive()) {
                return;
            }
            try (OutputStream out = process.getOutputStream()) {
                out.write(STOP.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // it is gone already (a Ctrl-C reaches it too): nothing to tell it
            }
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
            }
        }
    }
}
