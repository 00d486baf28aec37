package io.picloud.database.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The embedded PostgreSQL never outlives the JVM that started it, with real processes: a child JVM
 * ({@link EmbeddedDatabaseChild}) starts it and is killed with SIGKILL. Its watchdog then stops the server; and
 * when the watchdog is killed too, the next start finds the orphan by {@code postmaster.pid} and stops it. Either
 * way the next start runs one server, on the data written before the kill.
 */
public class EmbeddedDatabaseLifecycleTest {

    private static Path binDir;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @BeforeClass
    public static void createBinDir() throws IOException {
        binDir = Files.createTempDirectory("picloud-db-bin");
    }

    /** The data directories of this test: whatever fails, no server of theirs is left running. */
    private final List<Path> dataDirs = new java.util.ArrayList<>();

    @After
    public void stopLeftovers() {
        dataDirs.forEach(Postmaster::stopOrphan);
    }

    private Path newDataDir() throws IOException {
        Path dir = tmp.newFolder("data").toPath().resolve("postgres");
        dataDirs.add(dir);
        return dir;
    }

    @AfterClass
    public static void deleteBinDir() throws IOException {
        try (var paths = Files.walk(binDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A child JVM running {@link EmbeddedDatabaseChild} on {@code dataDir}, and the postmaster pid it reported. */
    private record Child(Process process, long postmaster) {
    }

    private static Child startChild(Path dataDir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseChild.class.getName(), dataDir.toString(), binDir.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("ready ")) {
                long pid = Long.parseLong(line.substring(6).trim());
                // keep draining its output so that it never blocks on a full pipe
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // discard
                        }
                    } catch (IOException e) {
                        // the child is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new Child(p, pid);
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child JVM ended before its database was ready:\n" + seen);
    }

    /** Every live {@code postgres} process whose command line names {@code dataDir}: the postmaster only. */
    private static List<ProcessHandle> postmastersOf(Path dataDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dataDir.toString())).orElse(false))
                .toList();
    }

    private static void sigkill(ProcessHandle p) throws Exception {
        p.destroyForcibly();
        p.onExit().get(30, TimeUnit.SECONDS);
    }

    private static void assertRestartsOnTheKeptData(Path dataDir, long oldPostmaster) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, binDir, 0)) {
            assertNotEquals(oldPostmaster, db.pid());
            assertFalse("the old postmaster is gone", ProcessHandle.of(oldPostmaster).map(ProcessHandle::isAlive)
                    .orElse(false));
            List<ProcessHandle> running = postmastersOf(dataDir);
            assertEquals(running.toString(), 1, running.size());
            assertEquals(db.pid(), running.get(0).pid());
            try (Connection c = db.connect(EmbeddedDatabase.DATABASE); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertTrue(rs.next());
                assertEquals("written before the kill", rs.getString(1));
                assertFalse(rs.next());
            }
        }
        assertTrue("stopped with close()", postmastersOf(dataDir).isEmpty());
    }

    @Test
    public void theWatchdogStopsTheServerWhenItsJvmIsKilled() throws Exception {
        Path dataDir = newDataDir();
        Child child = startChild(dataDir);
        ProcessHandle postmaster = ProcessHandle.of(child.postmaster()).orElseThrow();
        assertTrue(postmaster.isAlive());
        // it runs in a session of its own: a kill of the JVM does not reach it
        assertFalse(child.process().descendants().anyMatch(p -> p.pid() == postmaster.pid()));

        sigkill(child.process().toHandle());
        // no shutdown hook ran; the watchdog saw the pipe close and sent a fast shutdown
        postmaster.onExit().get(60, TimeUnit.SECONDS);
        assertFalse(postmaster.isAlive());
        assertTrue(Files.readString(dataDir.resolveSibling("postgres.log")).contains("stopped it"));

        assertRestartsOnTheKeptData(dataDir, child.postmaster());
    }

    @Test
    public void theNextStartStopsAnOrphanThatOutlivedItsWatchdog() throws Exception {
        Path dataDir = newDataDir();
        Child child = startChild(dataDir);
        List<ProcessHandle> watchdogs = child.process().descendants().toList();
        assertFalse("the child has its watchdog", watchdogs.isEmpty());
        for (ProcessHandle w : watchdogs) {
            sigkill(w);
        }
        sigkill(child.process().toHandle());
        ProcessHandle orphan = ProcessHandle.of(child.postmaster()).orElseThrow();
        assertTrue("nothing stopped the server: an orphan", orphan.isAlive());
        assertEquals(List.of(orphan), postmastersOf(dataDir));

        assertRestartsOnTheKeptData(dataDir, child.postmaster());
    }
}
