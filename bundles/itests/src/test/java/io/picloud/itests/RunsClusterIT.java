package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import io.picloud.api.RetryPolicy;
import io.picloud.api.Run;
import io.picloud.api.RunStore;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * No run is lost when a node dies (issue 13): this container ({@code picloud-all}) and a second, real distribution
 * ({@code PICLOUD_ROLE=node}) share the test's database and its run queue. A stream of async runs goes to both
 * (REST here, {@code /fn} with {@code Prefer: respond-async} there); once the node holds leases on running runs,
 * its JVM is killed with SIGKILL. Every accepted run must end succeeded or dead, none lost, none completed twice
 * (each run's history holds at most one succeeded attempt, and a succeeded run exactly one), and the counts are
 * printed. Leases of 3 s on both nodes ({@code io.picloud.runs}), so the dead node's runs are taken again soon.
 */
public class RunsClusterIT extends PicloudTestSupport {
    private static final Duration NODE_BOOT = Duration.ofSeconds(180);
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final int RUNS = 400;
    private static final String SCRIPT = "it-stream";
    /** The same work for /fn: an http run sees its payload as {@code request}. */
    private static final String FN_SCRIPT = "it-stream-fn";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    protected Option[] extraOptions() {
        List<Option> options = new ArrayList<>(List.of(NodeDistribution.options("runs-node")));
        options.add(editConfigurationFilePut("etc/io.picloud.runs.cfg", "leaseSeconds", "3"));
        return options.toArray(new Option[0]);
    }

    @Test(timeout = 900_000)
    public void aStreamOfRunsSurvivesTheSigkillOfANode() throws Exception {
        awaitReady();
        RunStore store = awaitService(RunStore.class, null, WAIT);
        DataSource db = awaitService(DataSource.class, "(dataSourceName=picloud)", WAIT);
        String here = ManagementFactory.getRuntimeMXBean().getName();
        assertEquals(201, call("PUT", "/api/v1/scripts/" + SCRIPT, "text/plain", "sleep(0.1); event.payload.n")
                .statusCode());
        assertEquals(201, call("PUT", "/api/v1/scripts/" + FN_SCRIPT, "text/plain", "sleep(0.1); request.json.n")
                .statusCode());

        Map<Long, Integer> accepted = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger viaNode = new AtomicInteger();
        try (NodeDistribution node = NodeDistribution.start(Map.of("io.picloud.runs", Map.of("leaseSeconds", "3")))) {
            await("the node's /health", NODE_BOOT, () -> node.get("/health").statusCode() == 200);
            await("the node to know /fn/" + FN_SCRIPT, NODE_BOOT, () -> {
                int status = node.get("/fn/" + FN_SCRIPT).statusCode();
                return status != 404 && status != 503; // a GET has no json: the script's error, 500
            });
            AtomicBoolean nodeDown = new AtomicBoolean();
            Thread stream = new Thread(() -> {
                for (int n = 0; n < RUNS; n++) {
                    boolean toNode = n % 2 == 1 && !nodeDown.get();
                    Optional<Long> id = submit(toNode ? node.port() : httpPort(), n, toNode);
                    if (id.isPresent()) {
                        accepted.put(id.get(), n);
                        if (toNode) {
                            viaNode.incrementAndGet();
                        }
                    } else {
                        refused.incrementAndGet();
                    }
                }
            }, "it-run-stream");
            stream.start();
            await("a quarter of the stream accepted, and the node holding leases on running runs", WAIT,
                    () -> accepted.size() >= RUNS / 4 && leasedElsewhere(db, here) > 0);
            long leased = leasedElsewhere(db, here);
            int killed = node.kill();
            nodeDown.set(true);
            System.out.println("RunsClusterIT: SIGKILL of " + killed + " node JVM(s) holding " + leased
                    + " running run(s), after " + accepted.size() + " runs accepted");
            assertTrue("the node's JVM was found and killed", killed >= 1);
            stream.join(WAIT.toMillis());
            assertTrue("the stream ended", !stream.isAlive());
        }

        await("every accepted run to finish", WAIT, () -> accepted.keySet().stream()
                .allMatch(id -> store.find(id).map(Run::finished).orElse(true)));
        int lost = 0;
        int succeeded = 0;
        int dead = 0;
        int twice = 0;
        int retaken = 0;
        int wrongValue = 0;
        for (Map.Entry<Long, Integer> e : accepted.entrySet()) {
            Optional<Run> found = store.find(e.getKey());
            if (found.isEmpty() || !found.get().finished()) {
                lost++;
                continue;
            }
            Run r = found.get();
            long successes = r.history().stream().filter(a -> a.error() == null
                    && Run.SUCCEEDED.equals(a.outcome())).count();
            retaken += (int) r.history().stream().filter(a -> a.error() != null
                    && RetryPolicy.NODE_LOST_KIND.equals(a.error().kind())).count();
            if (Run.SUCCEEDED.equals(r.status())) {
                succeeded++;
                if (successes != 1) {
                    twice++;
                }
                if (!(r.result() instanceof Number v) || v.intValue() != e.getValue()) {
                    wrongValue++;
                }
            } else {
                dead++;
                if (successes != 0) {
                    twice++;
                }
            }
        }
        System.out.println("RunsClusterIT: " + accepted.size() + " accepted (" + viaNode.get() + " through the "
                + "killed node's /fn), " + refused.get() + " refused; " + succeeded + " succeeded, " + dead
                + " dead, " + lost + " lost, " + twice + " completed twice; " + retaken
                + " attempts lost with the node and taken again; " + invocations(db) + " ok invocations logged (the "
                + "killed node may have run an attempt whose completion it could not record)");
        assertEquals("lost", 0, lost);
        assertEquals("completed twice", 0, twice);
        assertEquals("a succeeded run's value is its own", 0, wrongValue);
        assertEquals(accepted.size(), succeeded + dead);
        assertTrue("the killed node's runs were taken again", retaken >= 1);
        assertTrue("most runs were accepted", accepted.size() >= RUNS / 2);
        assertTrue("runs were queued through the node before it died", viaNode.get() >= 1);
    }

    /** One run queued here through REST or there through /fn; empty when refused (the node is gone). */
    private Optional<Long> submit(int port, int n, boolean fn) {
        String path = fn ? "/fn/" + FN_SCRIPT : "/api/v1/scripts/" + SCRIPT + "/runs";
        String payload = "{\"n\":" + n + "}";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        if (fn) {
            b.header("Prefer", "respond-async");
        } else {
            b.header("Authorization", "Bearer " + ownerApiKey());
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 202 ? Optional.of(Long.parseLong(jsonField(r.body(), "id"))) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static long leasedElsewhere(DataSource db, String here) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM runs WHERE status = 'running' AND lease_owner <> ? AND script IN (?, ?)")) {
            s.setString(1, here);
            s.setString(2, SCRIPT);
            s.setString(3, FN_SCRIPT);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long invocations(DataSource db) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM invocations WHERE script IN (?, ?) AND status = 'ok'")) {
            s.setString(1, SCRIPT);
            s.setString(2, FN_SCRIPT);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            return -1;
        }
    }
}
