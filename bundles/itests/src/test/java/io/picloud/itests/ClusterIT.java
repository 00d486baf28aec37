package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * Cluster mode (DESIGN.md §1): this Pax Exam container boots the manager role only (picloud-manager: REST API,
 * keys, bootstrap; no executor, no trigger runtime), and the test starts a second, real distribution with
 * {@code PICLOUD_ROLE=node} on the same database (its own directory and HTTP port, stopped at the end). Scripts
 * deployed through the manager are served by the node, new versions on the node as soon as PostgreSQL's
 * NOTIFY reaches it, the node's invocations are read through the manager, and a binding created through the
 * manager fires on the node.
 */
public class ClusterIT extends PicloudTestSupport {
    static final String PROP_NODE_TAR = "picloud.it.node.tar";
    static final String PROP_NODE_DIR = "picloud.it.node.dir";
    static final String PROP_NODE_PORT = "picloud.it.node.port";
    private static final Duration NODE_BOOT = Duration.ofSeconds(180);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Override
    protected Option[] extraOptions() {
        try {
            String version = System.getProperty("picloud.version");
            String repo = System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("user.home") + "/.m2/repository");
            File tar = new File(repo, "io/picloud/io.picloud.karaf-distribution/" + version
                    + "/io.picloud.karaf-distribution-" + version + ".tar.gz");
            File nodeDir = new File(System.getProperty("picloud.it.unpackDir", "target/exam"),
                    "cluster-node-" + randomHex(4)).getAbsoluteFile();
            return new Option[] {
                    // the manager role: the launcher sets picloud.role from PICLOUD_ROLE the same way
                    editConfigurationFilePut("etc/system.properties", "picloud.role", "manager"),
                    systemProperty(PROP_NODE_TAR).value(tar.getAbsolutePath()),
                    systemProperty(PROP_NODE_DIR).value(nodeDir.getAbsolutePath()),
                    systemProperty(PROP_NODE_PORT).value(Integer.toString(freePort()))};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void aScriptDeployedThroughTheManagerIsServedByANode() throws Exception {
        awaitReady();
        String features = executeCommand("feature:list -i");
        assertTrue(features, features.contains("picloud-manager") && !features.contains("picloud-node")
                && !features.contains("picloud-all"));
        assertEquals("this container is manager-only: no /fn here", 404, get("/fn/anything").statusCode());
        assertEquals("nor a node's /health", 404, get("/health").statusCode());
        assertTrue("a real database, shared with the node", databaseUrl().startsWith("jdbc:postgresql:"));

        String name = "cluster-" + randomHex(3);
        assertEquals(201, call("PUT", "/api/v1/scripts/" + name, "text/plain", "\"v1 \" + request.method").statusCode());
        assertEquals(422, call("PUT", "/api/v1/scripts/" + name, "text/plain", "let x = ;").statusCode());

        try (Node node = Node.start()) {
            await("the node to serve /fn/" + name, NODE_BOOT, () -> node.get("/fn/" + name).statusCode() == 200);
            assertEquals("v1 GET", node.get("/fn/" + name).body());
            assertEquals("v1 GET", node.get("/fn/" + name).body()); // now from the node's active-version cache
            HttpResponse<String> health = node.get("/health"); // for the load balancer's active checks
            assertEquals(health.body(), 200, health.statusCode());
            assertTrue(health.body(), health.body().contains("\"status\":\"ok\""));

            // the node's invocations land in the shared log, read through the manager's API
            await("the node's invocations through the manager", WAIT, () -> {
                String body = call("GET", "/api/v1/scripts/" + name + "/invocations?limit=10", null, null).body();
                return body.contains("\"trigger\":\"http\"") && body.contains("\"version\":1");
            });

            // a new version: the manager's NOTIFY drops the node's cached version (asynchronous, milliseconds)
            assertEquals(200, call("PUT", "/api/v1/scripts/" + name, "text/plain", "\"v2 \" + request.method").statusCode());
            await("the node to serve version 2", WAIT, () -> node.get("/fn/" + name).body().equals("v2 GET"));
            assertEquals(200, call("POST", "/api/v1/scripts/" + name + "/rollback", "application/json", "{\"version\":1}").statusCode());
            await("the node to serve version 1 again", WAIT, () -> node.get("/fn/" + name).body().equals("v1 GET"));

            // a trigger binding created through the manager (validated there) fires on the node
            String prefix = "/it-" + randomHex(4);
            HttpResponse<String> binding = call("POST", "/api/v1/triggers", "application/json",
                    "{\"type\":\"http\",\"script\":\"" + name + "\",\"config\":{\"method\":\"GET\",\"path\":\""
                            + prefix + "/users/{id}\"}}");
            assertEquals(binding.body(), 201, binding.statusCode());
            await("GET /r" + prefix + "/users/7 on the node", WAIT,
                    () -> node.get("/r" + prefix + "/users/7").statusCode() == 200);
            assertEquals("v1 GET", node.get("/r" + prefix + "/users/7").body());
            assertEquals(404, get("/r" + prefix + "/users/7").statusCode()); // the manager never fires bindings

            assertEquals(204, call("DELETE", "/api/v1/scripts/" + name, null, null).statusCode());
            await("the node to forget the deleted script", WAIT, () -> node.get("/fn/" + name).statusCode() == 404);
        }
    }

    /** A second PiCloud, role node, run from the distribution's tar.gz in its own directory. */
    private static final class Node implements AutoCloseable {
        private final Process process;
        private final int port;
        private final Path dir;
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build();

        private Node(Process process, int port, Path dir) {
            this.process = process;
            this.port = port;
            this.dir = dir;
        }

        static Node start() throws Exception {
            Path dir = Path.of(System.getProperty(PROP_NODE_DIR));
            Files.createDirectories(dir);
            run(dir, List.of("tar", "xzf", System.getProperty(PROP_NODE_TAR), "-C", dir.toString(),
                    "--strip-components=1"));
            int port = Integer.getInteger(PROP_NODE_PORT);
            ProcessBuilder pb = new ProcessBuilder(dir.resolve("bin/picloud").toString(), "run")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("node-console.log").toFile());
            Map<String, String> env = pb.environment();
            env.put("PICLOUD_ROLE", "node");
            env.put("PICLOUD_HTTP_PORT", Integer.toString(port));
            env.put("PICLOUD_HTTP_HOST", "127.0.0.1");
            env.put("PICLOUD_DB_URL", System.getProperty(PROP_DATABASE));
            env.put("PICLOUD_DB_USER", "postgres");
            env.put("PICLOUD_DB_PASSWORD", "");
            env.put("PICLOUD_DATA_DIR", dir.resolve("data").toString());
            env.remove("PICLOUD_BOOTSTRAP_TOKEN");
            return new Node(pb.start(), port, dir);
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            assertFalse("the node process ended; see " + dir.resolve("node-console.log")
                    + " and data/log/karaf.log there", !process.isAlive());
            return http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
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
}
