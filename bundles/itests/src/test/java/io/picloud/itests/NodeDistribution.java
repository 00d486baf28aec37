package io.picloud.itests;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ops4j.pax.exam.Option;

/**
 * A second PiCloud, role node, run from the distribution's tar.gz in its own directory and HTTP port, on the
 * test class's database (ClusterIT, TwoNodeCronIT). {@link #options(String)} runs in the test JVM (where the tar
 * and a free port are found); {@link #start()} inside the container, from the system properties it set.
 */
final class NodeDistribution implements AutoCloseable {
    static final String PROP_NODE_TAR = "picloud.it.node.tar";
    static final String PROP_NODE_DIR = "picloud.it.node.dir";
    static final String PROP_NODE_PORT = "picloud.it.node.port";
    static final String PROP_MASTER_KEY = "picloud.it.masterKey";

    private final Process process;
    private final int port;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private NodeDistribution(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** The container's options that {@link #start()} needs: the tar, a directory named {@code prefix-<random>}, a port. */
    static Option[] options(String prefix) {
        try {
            String version = System.getProperty("picloud.version");
            String repo = System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("user.home") + "/.m2/repository");
            File tar = new File(repo, "io/picloud/io.picloud.karaf-distribution/" + version
                    + "/io.picloud.karaf-distribution-" + version + ".tar.gz");
            File nodeDir = new File(System.getProperty("picloud.it.unpackDir", "target/exam"),
                    prefix + "-" + PicloudTestSupport.randomHex(4)).getAbsoluteFile();
            // one master key for the cluster, as operations.md asks: a key file for this container, the same key
            // in the node's PICLOUD_MASTER_KEY
            byte[] raw = new byte[32];
            new java.security.SecureRandom().nextBytes(raw);
            String masterKey = java.util.Base64.getEncoder().encodeToString(raw);
            File keyFile = new File(nodeDir.getParentFile(), nodeDir.getName() + "-master.key");
            Files.createDirectories(keyFile.getParentFile().toPath());
            Files.writeString(keyFile.toPath(), masterKey + "\n");
            return new Option[] {
                    systemProperty(PROP_NODE_TAR).value(tar.getAbsolutePath()),
                    systemProperty(PROP_NODE_DIR).value(nodeDir.getAbsolutePath()),
                    systemProperty(PROP_NODE_PORT).value(Integer.toString(PicloudTestSupport.freePort())),
                    systemProperty(PROP_MASTER_KEY).value(masterKey),
                    editConfigurationFilePut("etc/io.picloud.secrets.cfg", "masterKeyFile", keyFile.getAbsolutePath())};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static NodeDistribution start() throws Exception {
        return start(Map.of());
    }

    /**
     * As {@link #start()}, with settings added to the node's {@code etc/<pid>.cfg} files before it boots
     * ({@code pid -> key -> value}; a key set again in a cfg file wins over its earlier line).
     */
    static NodeDistribution start(Map<String, Map<String, String>> settings) throws Exception {
        Path dir = Path.of(System.getProperty(PROP_NODE_DIR));
        Files.createDirectories(dir);
        run(dir, List.of("tar", "xzf", System.getProperty(PROP_NODE_TAR), "-C", dir.toString(),
                "--strip-components=1"));
        for (Map.Entry<String, Map<String, String>> pid : settings.entrySet()) {
            StringBuilder lines = new StringBuilder("\n# set by the test\n");
            pid.getValue().forEach((k, v) -> lines.append(k).append(" = ").append(v).append('\n'));
            Files.writeString(dir.resolve("etc/" + pid.getKey() + ".cfg"), lines, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        int port = Integer.getInteger(PROP_NODE_PORT);
        ProcessBuilder pb = new ProcessBuilder(dir.resolve("bin/picloud").toString(), "run")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("node-console.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("PICLOUD_ROLE", "node");
        env.put("PICLOUD_HTTP_PORT", Integer.toString(port));
        env.put("PICLOUD_HTTP_HOST", "127.0.0.1");
        env.put("PICLOUD_DB_URL", System.getProperty(PicloudTestSupport.PROP_DATABASE));
        env.put("PICLOUD_DB_USER", "postgres");
        env.put("PICLOUD_DB_PASSWORD", "");
        env.put("PICLOUD_DATA_DIR", dir.resolve("data").toString());
        env.remove("PICLOUD_BOOTSTRAP_TOKEN");
        env.put("PICLOUD_MASTER_KEY", System.getProperty(PROP_MASTER_KEY));
        return new NodeDistribution(pb.start(), port, dir);
    }

    /** The node's HTTP port on 127.0.0.1. */
    int port() {
        return port;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        assertAlive();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET path} on the node with {@code Authorization: Bearer key}. */
    HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        assertAlive();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    void assertAlive() {
        assertTrue("the node process ended; see " + dir.resolve("node-console.log")
                + " and data/log/karaf.log there", process.isAlive());
    }

    /**
     * Kills the node's JVM with SIGKILL ({@code destroyForcibly} on Linux): no shutdown hook, no clean stop, its
     * leases and heartbeat simply stop. Only the java processes below the launcher are killed, then the launcher;
     * the node uses the test's PostgreSQL (PICLOUD_DB_URL), so no embedded database is involved. Returns how many
     * JVMs were killed.
     */
    int kill() throws InterruptedException {
        List<ProcessHandle> jvms = process.descendants().filter(p -> p.info().command()
                .map(c -> c.endsWith("/java") || c.equals("java")).orElse(false)).toList();
        for (ProcessHandle jvm : jvms) {
            jvm.destroyForcibly();
        }
        for (ProcessHandle jvm : jvms) {
            jvm.onExit().join();
        }
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        return jvms.size();
    }

    /** Karaf's launcher script runs Java as its child: stop the JVM (graceful, SIGTERM), then the script. */
    @Override
    public void close() throws Exception {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }

    private static void run(Path dir, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed: " + out);
        }
    }
}
