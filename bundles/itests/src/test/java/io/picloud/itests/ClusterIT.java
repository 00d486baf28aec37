package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * Cluster mode (DESIGN.md §1): this Pax Exam container boots the manager role only (picloud-manager: REST API,
 * keys, bootstrap; no executor, no trigger runtime), and the test starts a second, real distribution with
 * {@code PICLOUD_ROLE=node} on the same database (its own directory and HTTP port, stopped at the end). Scripts
 * deployed through the manager are served by the node, new versions on the node as soon as PostgreSQL's
 * NOTIFY reaches it, the node's invocations are read through the manager, and a binding created through the
 * manager fires on the node. The manager's live tail shows the node's runs; its try-it answers 503. Keys revoked
 * or expired, and the keys of a user deactivated through the manager, are refused by the node's /fn for an
 * access=key script within one second. Both containers are up in the manager's {@code /api/v1/nodes}, and the
 * node leaves it when it stops.
 */
public class ClusterIT extends PicloudTestSupport {
    private static final Duration NODE_BOOT = Duration.ofSeconds(180);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Override
    protected Option[] extraOptions() {
        List<Option> options = new ArrayList<>(List.of(NodeDistribution.options("cluster-node")));
        // the manager role: the launcher sets picloud.role from PICLOUD_ROLE the same way
        options.add(editConfigurationFilePut("etc/system.properties", "picloud.role", "manager"));
        return options.toArray(new Option[0]);
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

        try (NodeDistribution node = NodeDistribution.start()) {
            await("the node to serve /fn/" + name, NODE_BOOT, () -> node.get("/fn/" + name).statusCode() == 200);
            assertEquals("v1 GET", node.get("/fn/" + name).body());
            assertEquals("v1 GET", node.get("/fn/" + name).body()); // now from the node's active-version cache
            HttpResponse<String> health = node.get("/health"); // for the load balancer's active checks
            assertEquals(health.body(), 200, health.statusCode());
            assertTrue(health.body(), health.body().contains("\"status\":\"ok\""));
            // every container writes its heartbeat: the manager lists itself and the node, both up
            await("the manager and the node up in /nodes", WAIT, () -> {
                String nodes = call("GET", "/api/v1/nodes", null, null).body();
                return nodes.contains("\"roles\":[\"manager\"]") && nodes.contains("\"roles\":[\"node\"]")
                        && !nodes.contains("\"status\":\"down\"");
            });

            liveTailAndTryItOnTheManager(node, name);

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
            // the manager runs no trigger runtime: the binding's status is what the node reported
            String id = binding.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
            await("the node's ACTIVE report through the manager", WAIT, () -> {
                String shown = call("GET", "/api/v1/triggers/" + id, null, null).body();
                return shown.contains("\"status\":\"ACTIVE\"") && shown.contains("\"nodes\":[{\"node\":");
            });

            assertEquals(204, call("DELETE", "/api/v1/scripts/" + name, null, null).statusCode());
            await("the node to forget the deleted script", WAIT, () -> node.get("/fn/" + name).statusCode() == 404);

            keysRevokedExpiredOrOfDeactivatedUsersAreRefusedByTheNode(node);
            hostApisWorkAcrossTheCluster(node);
        }
        await("the stopped node to leave /nodes (a clean stop removes its row)", WAIT, () -> {
            String nodes = call("GET", "/api/v1/nodes", null, null).body();
            return nodes.contains("\"roles\":[\"manager\"]") && !nodes.contains("\"roles\":[\"node\"]");
        });
    }

    /**
     * The manager's live tail shows a run on the node as it happens (PostgreSQL's notification crosses the
     * cluster); try-it needs an executor, which this manager-only container does not run.
     */
    private void liveTailAndTryItOnTheManager(NodeDistribution node, String name) throws Exception {
        try (EventStream tail = EventStream.open(uri("/api/v1/invocations/stream?script=" + name),
                "Authorization", "Bearer " + ownerApiKey())) {
            assertEquals(200, tail.status);
            assertEquals(200, node.get("/fn/" + name).statusCode());
            String[] event = tail.nextEvent(name);
            assertEquals(event[0], jsonField(event[1], "id"));
            assertEquals(200, call("GET", "/api/v1/invocations/" + event[0], null, null).statusCode());
        }
        HttpResponse<String> tried = call("POST", "/api/v1/scripts/" + name + "/test", "application/json", "{}");
        assertEquals(tried.body(), 503, tried.statusCode());
        assertEquals("unavailable", jsonField(tried.body(), "code"));
    }

    /**
     * A secret set through the manager opens on the node (one master key for the cluster), a kv entry a script
     * writes on the node is what the manager's REST API reads, and the reverse.
     */
    private void hostApisWorkAcrossTheCluster(NodeDistribution node) throws Exception {
        String name = "cluster-kv-" + randomHex(3);
        assertEquals(201, call("PUT", "/api/v1/scripts/" + name, "text/plain",
                "kv::set(\"seen\", kv::incr(\"n\")); `${secret(\"TOKEN\").len()} ${kv::get(\"from-manager\", 0)}`")
                .statusCode());
        assertEquals(201, call("PUT", "/api/v1/scripts/" + name + "/secrets/TOKEN", "text/plain", "abcdef")
                .statusCode());
        assertEquals(200, call("PUT", "/api/v1/kv/" + name + "/from-manager", JSON, "41").statusCode());
        await("the node to run the script", WAIT, () -> node.get("/fn/" + name).statusCode() == 200);
        assertEquals("the node opens the manager's secret and reads its kv entry", "6 41",
                node.get("/fn/" + name).body());
        HttpResponse<String> seen = call("GET", "/api/v1/kv/" + name + "/seen", null, null);
        HttpResponse<String> n = call("GET", "/api/v1/kv/" + name + "/n", null, null);
        assertEquals(seen.body(), 200, seen.statusCode());
        String value = "\"value\":" + jsonField(n.body(), "value");
        assertTrue("the manager reads what the node wrote: " + seen.body() + " / " + n.body(),
                seen.body().contains(value) && !jsonField(n.body(), "value").isEmpty());
    }

    /**
     * An access=key script on the node: a key revoked through the manager, and the key of a user deactivated
     * there, are refused by the node's /fn within one second of the manager's answer (NOTIFY empties the node's
     * key cache); an expired key once its time has come.
     */
    private void keysRevokedExpiredOrOfDeactivatedUsersAreRefusedByTheNode(NodeDistribution node) throws Exception {
        TestUser dev = createUser("developer");
        String name = "cluster-private-" + randomHex(3);
        assertEquals(201, callWith(dev.key(), "PUT", "/api/v1/scripts/" + name, "text/plain", "\"private\"")
                .statusCode());
        assertEquals(200, callWith(dev.key(), "PATCH", "/api/v1/scripts/" + name, JSON, "{\"access\":\"key\"}")
                .statusCode());
        await("the node to ask for a key", WAIT, () -> node.get("/fn/" + name).statusCode() == 401);
        HttpResponse<String> second = callWith(dev.key(), "POST", "/api/v1/keys", JSON, "{\"name\":\"second\"}");
        assertEquals(second.body(), 201, second.statusCode());
        String secondKey = jsonField(second.body(), "key");
        Instant expires = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> shortLived = callWith(dev.key(), "POST", "/api/v1/keys", JSON,
                "{\"name\":\"short\",\"expiresAt\":\"" + expires + "\"}");
        String shortKey = jsonField(shortLived.body(), "key");
        for (String key : new String[] {dev.key(), secondKey, shortKey}) {
            await("the node to run the script with a key of its owner", WAIT,
                    () -> node.get("/fn/" + name, key).statusCode() == 200);
        }
        assertEquals("private", node.get("/fn/" + name, secondKey).body());

        // revoked through the manager
        assertEquals(204, callWith(dev.key(), "DELETE", "/api/v1/keys/" + jsonField(second.body(), "id"), null, null)
                .statusCode());
        awaitRefusedWithinOneSecond(node, name, secondKey, "the revoked key");
        assertEquals(200, node.get("/fn/" + name, dev.key()).statusCode());

        // expired
        long wait = Duration.between(Instant.now(), expires).toMillis();
        assertTrue("the short-lived key was used before it expired", wait > 0);
        Thread.sleep(wait);
        awaitRefusedWithinOneSecond(node, name, shortKey, "the expired key");

        // the user deactivated through the manager
        HttpResponse<String> off = call("PATCH", "/api/v1/users/" + dev.id(), JSON, "{\"active\":false}");
        assertEquals(off.body(), 200, off.statusCode());
        awaitRefusedWithinOneSecond(node, name, dev.key(), "the deactivated user's key");
    }

    private static void awaitRefusedWithinOneSecond(NodeDistribution node, String name, String key, String what)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        int status;
        do {
            status = node.get("/fn/" + name, key).statusCode();
            if (status == 401) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(what + " was still answered " + status + " by the node 1 s after the manager's answer");
    }
}
