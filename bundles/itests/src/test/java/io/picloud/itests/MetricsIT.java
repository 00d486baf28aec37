package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * {@code GET /metrics} on the real distribution: the exposition passes Debian's {@code promtool check metrics}, a
 * counter grows by exactly the calls made, the endpoint refuses a client that is neither on loopback nor holds
 * the metrics token, and each run's {@code X-PiCloud-Invocation} finds it in the invocation log.
 */
public class MetricsIT extends PicloudTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A constant: the class is loaded once in the test JVM (configuring) and once in the container (testing). */
    private static final String TOKEN = "it-metrics-token-4f1c9e";

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            // every interface, so that the test can also connect from an address that is not loopback
            editConfigurationFilePut("etc/io.picloud.http.cfg", "host", "0.0.0.0"),
            editConfigurationFilePut("etc/io.picloud.metrics.cfg", "token", TOKEN)
        };
    }

    private void deploy(String name, String source) throws Exception {
        HttpResponse<String> r = call("PUT", "/api/v1/scripts/" + name, "text/plain; charset=utf-8", source);
        assertTrue(r.statusCode() + " " + r.body(), r.statusCode() == 201 || r.statusCode() == 200);
    }

    private String metrics() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return r.body();
    }

    /** The value of one series in the exposition; 0 when it is not there (nothing counted yet). */
    private static double value(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    public void theExpositionPassesPromtool() throws Exception {
        awaitReady();
        deploy("metrics-lint", "\"linted\"");
        assertEquals(200, get("/fn/metrics-lint").statusCode());
        String exposition = metrics();
        for (String name : new String[] {"picloud_invocations_total{", "picloud_invocation_duration_seconds_bucket{",
            "picloud_operations_total{", "picloud_invocations_by_thread_total{", "picloud_compile_cache_lookups_total{",
            "picloud_compile_duration_seconds_bucket{", "picloud_invocation_log_written_total ",
            "picloud_invocation_log_dropped_total ", "picloud_invocation_log_queue_size ",
            "picloud_db_pool_connections{", "picloud_db_pool_pending ", "jvm_memory_used_bytes{",
            "jvm_threads_current ", "process_cpu_seconds_total "}) {
            assertTrue("missing " + name, exposition.contains("\n" + name));
        }

        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (InputStream out = promtool.getInputStream()) {
            out.transferTo(said);
        }
        assertTrue("promtool did not finish", promtool.waitFor(60, TimeUnit.SECONDS));
        String complaints = said.toString(StandardCharsets.UTF_8).strip();
        assertEquals("promtool check metrics: " + complaints, 0, promtool.exitValue());
        assertEquals("promtool check metrics complained", "", complaints);
    }

    @Test
    public void aCounterGrowsByExactlyTheCalls() throws Exception {
        awaitReady();
        deploy("metrics-count", "\"counted\"");
        assertEquals(200, get("/fn/metrics-count").statusCode()); // compiled and cached: later runs may go inline
        String ok = "picloud_invocations_total{outcome=\"ok\",script=\"metrics-count\",trigger=\"http\"}";
        String failed = "picloud_invocations_total{outcome=\"error\",script=\"metrics-count\",trigger=\"http\"}";
        String before = metrics();
        int calls = 7;
        for (int i = 0; i < calls; i++) {
            assertEquals(200, get("/fn/metrics-count?i=" + i).statusCode());
        }
        String after = metrics();
        assertEquals(calls, value(after, ok) - value(before, ok), 0);
        assertEquals(0, value(after, failed) - value(before, failed), 0);
        String byThread = "picloud_invocations_by_thread_total{thread=\"inline\"}";
        String onWorkers = "picloud_invocations_by_thread_total{thread=\"worker\"}";
        assertEquals(calls, value(after, byThread) + value(after, onWorkers)
                - value(before, byThread) - value(before, onWorkers), 0);
    }

    @Test
    public void othersNeedTheToken() throws Exception {
        awaitReady();
        String address = nonLoopbackAddress();
        URI remote = URI.create("http://" + address + ":" + httpPort() + "/metrics");
        HttpResponse<String> none = send(HttpRequest.newBuilder(remote).timeout(Duration.ofSeconds(30)).GET()
                .build());
        assertEquals(none.body(), 401, none.statusCode());
        assertTrue(none.body(), none.body().contains("\"code\":\"unauthorized\""));
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(remote).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer not-the-token").GET().build());
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> right = send(HttpRequest.newBuilder(remote).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN).GET().build());
        assertEquals(200, right.statusCode());
        assertTrue(right.body().contains("jvm_memory_used_bytes"));
        assertEquals("loopback needs no token", 200, get("/metrics").statusCode());
        assertEquals(405, send(request("/metrics").POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode());
    }

    @Test
    public void theInvocationHeaderFindsTheRun() throws Exception {
        awaitReady();
        deploy("metrics-ref", "\"ref me\"");
        HttpResponse<String> fn = get("/fn/metrics-ref");
        assertEquals(200, fn.statusCode());
        assertFound("metrics-ref", "http", fn.headers().firstValue("X-PiCloud-Invocation").orElse(null));

        deploy("metrics-route", "\"routed \" + request.params.id");
        String prefix = "/it-" + randomHex(4);
        HttpResponse<String> made = call("POST", "/api/v1/triggers", JSON, "{\"type\":\"http\",\"script\":"
                + "\"metrics-route\",\"config\":{\"method\":\"GET\",\"path\":\"" + prefix + "/x/{id}\"}}");
        assertEquals(made.body(), 201, made.statusCode());
        await("the route to answer", WAIT, () -> get("/r" + prefix + "/x/1").statusCode() == 200);
        HttpResponse<String> routed = get("/r" + prefix + "/x/2");
        assertEquals("routed 2", routed.body());
        assertFound("metrics-route", "http", routed.headers().firstValue("X-PiCloud-Invocation").orElse(null));
    }

    private void assertFound(String script, String trigger, String ref) throws Exception {
        assertNotNull("no X-PiCloud-Invocation header", ref);
        await("run " + ref + " in the invocation log", WAIT,
                () -> call("GET", "/api/v1/invocations/" + ref, null, null).statusCode() == 200);
        String run = call("GET", "/api/v1/invocations/" + ref, null, null).body();
        assertEquals(run, script, jsonField(run, "script"));
        assertEquals(run, trigger, jsonField(run, "trigger"));
        assertEquals(run, ref, jsonField(run, "ref"));
    }

    /** An IPv4 address of this machine that is not loopback: connecting to it, the server sees that address. */
    private static String nonLoopbackAddress() throws Exception {
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!i.isUp() || i.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(i.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        throw new AssertionError("this machine has no IPv4 address other than loopback to test from");
    }
}
