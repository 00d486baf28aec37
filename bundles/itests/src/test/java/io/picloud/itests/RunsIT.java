package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.picloud.api.RetryPolicy;
import io.picloud.api.Run;
import io.picloud.api.RunStore;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * Runs that are never lost, on the real distribution and PostgreSQL (issue 13): async runs through REST and
 * through {@code /fn} with {@code Prefer: respond-async} end succeeded with their value; a script failing on its
 * first attempts is retried within the back-off bounds; a dead letter replayed with an edited payload succeeds;
 * an idempotency key gives one run; and runs queued while the database goes away run once it is back. The
 * database is reached through the TCP proxy of ManagerOutageIT, so the test decides when it is away. Two workers
 * and 3 s leases ({@code io.picloud.runs}).
 */
public class RunsIT extends PicloudTestSupport {
    private static final String PROP_PROXY_PORT = "picloud.it.runs.proxyPort";
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** What the machine may add to a back-off delay: the worker's wake-up and the attempt's own start. */
    private static final long SLACK_MILLIS = 1500;

    private RunStore runs;

    @Override
    protected Option[] extraOptions() {
        List<Option> options = new ArrayList<>(List.of(ManagerOutageIT.proxiedDatabase(PROP_PROXY_PORT)));
        options.add(editConfigurationFilePut("etc/io.picloud.runs.cfg", "threads", "2"));
        options.add(editConfigurationFilePut("etc/io.picloud.runs.cfg", "leaseSeconds", "3"));
        return options.toArray(new Option[0]);
    }

    @Test(timeout = 600_000)
    public void runsAreQueuedRetriedDeadLetteredReplayedAndSurviveAnOutage() throws Exception {
        try (ManagerOutageIT.Proxy proxy = new ManagerOutageIT.Proxy(Integer.getInteger(PROP_PROXY_PORT), PG_HOST,
                PG_PORT)) {
            awaitReady();
            runs = awaitService(RunStore.class, null, WAIT);
            asyncThroughRestAndFn();
            retriesWithinTheBackOffBounds();
            deadLetterReplayedWithAnEditedPayload();
            idempotencyKey();
            queuedWhileTheDatabaseIsAway(proxy);
        }
    }

    private void asyncThroughRestAndFn() throws Exception {
        deploy("it-double", "#{ doubled: event.payload.n * 2 }");
        HttpResponse<String> queued = call("POST", "/api/v1/scripts/it-double/runs", JSON, "{\"n\":21}");
        assertEquals(queued.body(), 202, queued.statusCode());
        long id = Long.parseLong(jsonField(queued.body(), "id"));
        assertEquals("queued", jsonField(queued.body(), "status"));
        assertEquals("/api/v1/runs/" + id, queued.headers().firstValue("Location").orElse(null));
        String done = awaitFinished(id);
        assertTrue(done, done.contains("\"status\":\"succeeded\"") && done.contains("\"result\":{\"doubled\":42}"));
        assertTrue(done, done.contains("\"trigger\":\"async\"") && done.contains("\"attempts\":1"));

        deploy("it-echo", "request.json.n + 1");
        HttpResponse<String> fn = send(request("/fn/it-echo/sub").header("Prefer", "respond-async")
                .header("Content-Type", JSON).POST(body("{\"n\":41}")).build());
        assertEquals(fn.body(), 202, fn.statusCode());
        assertEquals("respond-async", fn.headers().firstValue("Preference-Applied").orElse(null));
        long fnId = Long.parseLong(jsonField(fn.body(), "id"));
        assertEquals("/api/v1/runs/" + fnId, fn.headers().firstValue("Location").orElse(null));
        String fnDone = awaitFinished(fnId);
        assertTrue(fnDone, fnDone.contains("\"status\":\"succeeded\"") && fnDone.contains("\"result\":42"));
        assertTrue(fnDone, fnDone.contains("\"trigger\":\"http\"") && fnDone.contains("\"source\":\"/fn/it-echo/sub\""));
        assertEquals("a sync call is unchanged", "42", send(request("/fn/it-echo").header("Content-Type", JSON)
                .POST(body("{\"n\":41}")).build()).body());
        assertEquals(404, send(request("/fn/it-none").header("Prefer", "respond-async").POST(body("{}")).build())
                .statusCode());
    }

    /** Fails twice, then succeeds: each retry starts within backoffCapMillis(n) (+ slack) of the failure. */
    private void retriesWithinTheBackOffBounds() throws Exception {
        deploy("it-flaky", "let n = kv::incr(\"tries\"); if n < 3 { throw \"not yet \" + n } n");
        HttpResponse<String> set = call("PUT", "/api/v1/scripts/it-flaky/settings", JSON,
                "{\"retry\":{\"maxAttempts\":4,\"initialBackoffMillis\":400,\"maxBackoffMillis\":1500}}");
        assertEquals(set.body(), 200, set.statusCode());
        RetryPolicy policy = new RetryPolicy(4, 400, 1500, RetryPolicy.DEFAULT.retryOn());
        long id = submit("it-flaky", "{}");
        String done = awaitFinished(id);
        assertTrue(done, done.contains("\"status\":\"succeeded\"") && done.contains("\"attempts\":3"));
        Run run = runs.find(id).orElseThrow();
        assertEquals(run.history().toString(), 3, run.history().size());
        assertEquals(3L, ((Number) run.result()).longValue());
        for (int n = 1; n < 3; n++) {
            Run.RunAttempt failed = run.history().get(n - 1);
            Run.RunAttempt retry = run.history().get(n);
            assertEquals("not yet " + n, failed.error().message().replaceAll("^.*(not yet \\d).*$", "$1"));
            long delay = Duration.between(failed.finishedAt(), retry.startedAt()).toMillis();
            System.out.println("RunsIT: retry " + n + " started " + delay + " ms after the failure (cap "
                    + policy.backoffCapMillis(n) + " ms)");
            assertTrue("retry " + n + " after " + delay + " ms", delay >= 0
                    && delay <= policy.backoffCapMillis(n) + SLACK_MILLIS);
        }
    }

    private void deadLetterReplayedWithAnEditedPayload() throws Exception {
        deploy("it-picky", "if event.payload.ok != true { throw \"bad payload\" } \"fine\"");
        assertEquals(200, call("PUT", "/api/v1/scripts/it-picky/settings", JSON,
                "{\"retry\":{\"maxAttempts\":2,\"initialBackoffMillis\":0,\"maxBackoffMillis\":0}}").statusCode());
        long id = submit("it-picky", "{\"ok\":false,\"order\":7}");
        String dead = awaitFinished(id);
        assertTrue(dead, dead.contains("\"status\":\"dead\"") && dead.contains("\"attempts\":2"));
        HttpResponse<String> letters = call("GET", "/api/v1/dead-letters?script=it-picky", null, null);
        assertTrue(letters.body(), letters.body().contains("\"id\":" + id));
        HttpResponse<String> letter = call("GET", "/api/v1/dead-letters/" + id, null, null);
        assertEquals(letter.body(), 200, letter.statusCode());
        assertTrue(letter.body(), letter.body().contains("\"payload\":{\"ok\":false,\"order\":7}"));
        assertEquals("every attempt's error", 2, letter.body().split("bad payload", -1).length - 2);

        HttpResponse<String> replay = call("POST", "/api/v1/dead-letters/" + id + "/replay", JSON,
                "{\"payload\":{\"type\":\"async\",\"payload\":{\"ok\":true,\"order\":7}}}"); // the whole event
        assertEquals(replay.body(), 202, replay.statusCode());
        long again = Long.parseLong(jsonField(replay.body(), "id"));
        String fine = awaitFinished(again);
        assertTrue(fine, fine.contains("\"status\":\"succeeded\"") && fine.contains("\"result\":\"fine\"")
                && fine.contains("\"replayOf\":" + id));
        assertTrue(call("GET", "/api/v1/dead-letters/" + id, null, null).body().contains("\"replayedAs\":" + again));
        String shown = executeCommand("picloud:run " + id);
        assertTrue(shown, shown.contains("bad payload") && shown.contains("replayed  as run " + again));
        String listed = executeCommand("picloud:dead-letters --script it-picky");
        assertTrue(listed, listed.contains("it-picky") && listed.contains("dead"));
        String succeeded = executeCommand("picloud:runs --script it-picky --status succeeded");
        assertTrue(succeeded, succeeded.contains(Long.toString(again)));
        assertEquals(204, call("DELETE", "/api/v1/dead-letters/" + id, null, null).statusCode());
        assertEquals(404, call("GET", "/api/v1/dead-letters/" + id, null, null).statusCode());
    }

    private void idempotencyKey() throws Exception {
        HttpRequest.Builder b = authorized("/api/v1/scripts/it-double/runs").header("Content-Type", JSON)
                .header("Idempotency-Key", "order-4711");
        HttpResponse<String> first = send(b.POST(body("{\"n\":1}")).build());
        HttpResponse<String> second = send(b.POST(body("{\"n\":1}")).build());
        assertEquals(202, second.statusCode());
        assertEquals(jsonField(first.body(), "id"), jsonField(second.body(), "id"));
        assertEquals("true", second.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertTrue(first.headers().firstValue("Idempotent-Replayed").isEmpty());
        HttpRequest.Builder fn = request("/fn/it-echo").header("Content-Type", JSON).header("Prefer", "respond-async")
                .header("Idempotency-Key", "order-4711");
        String viaFn = jsonField(send(fn.POST(body("{\"n\":1}")).build()).body(), "id");
        assertTrue("keys are per script", !viaFn.equals(jsonField(first.body(), "id")));
        HttpResponse<String> fnAgain = send(fn.POST(body("{\"n\":1}")).build());
        assertEquals("/fn honours the key too", viaFn, jsonField(fnAgain.body(), "id"));
        assertEquals("true", fnAgain.headers().firstValue("Idempotent-Replayed").orElse(null));
        long once = runs.list(new io.picloud.api.RunQuery("it-double", null, null, null, 0, 500)).stream()
                .filter(r -> r.id() == Long.parseLong(jsonField(first.body(), "id"))).count();
        assertEquals(1, once);
        awaitFinished(Long.parseLong(viaFn));
    }

    /**
     * Two runs sleep on both workers, five more wait behind them; the database goes away before they could run,
     * and comes back: every one of them ends succeeded.
     */
    private void queuedWhileTheDatabaseIsAway(ManagerOutageIT.Proxy proxy) throws Exception {
        deploy("it-sleepy", "sleep(2.0); event.payload.n");
        assertEquals(200, call("PUT", "/api/v1/scripts/it-sleepy/settings", JSON,
                "{\"retry\":{\"maxAttempts\":6,\"initialBackoffMillis\":200,\"maxBackoffMillis\":1000}}")
                .statusCode());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(submit("it-sleepy", "{\"n\":" + i + "}"));
        }
        for (int i = 0; i < 5; i++) {
            ids.add(submit("it-double", "{\"n\":" + i + "}"));
        }
        proxy.cut();
        await("health to turn degraded", WAIT, () -> get("/api/v1/health").statusCode() == 503);
        HttpResponse<String> refused = call("POST", "/api/v1/scripts/it-double/runs", JSON, "{\"n\":9}");
        assertEquals("nothing is accepted while away: " + refused.body(), 503, refused.statusCode());
        proxy.restore();
        awaitReady();
        for (long id : ids) {
            String done = awaitFinished(id);
            assertTrue(done, done.contains("\"status\":\"succeeded\""));
        }
        long retaken = ids.stream().map(id -> runs.find(id).orElseThrow()).mapToLong(r -> r.history().stream()
                .filter(a -> a.error() != null && RetryPolicy.NODE_LOST_KIND.equals(a.error().kind())).count()).sum();
        System.out.println("RunsIT: " + ids.size() + " runs queued before the outage, all succeeded after it; "
                + retaken + " attempts lost with the database and taken again");
    }

    private void deploy(String name, String source) throws Exception {
        HttpResponse<String> r = call("PUT", "/api/v1/scripts/" + name, "text/plain", source);
        assertTrue(r.body(), r.statusCode() == 201 || r.statusCode() == 200);
    }

    private long submit(String script, String payload) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/scripts/" + script + "/runs", JSON, payload);
        assertEquals(r.body(), 202, r.statusCode());
        return Long.parseLong(jsonField(r.body(), "id"));
    }

    /** {@code GET /api/v1/runs/{id}} once the run is succeeded or dead. */
    private String awaitFinished(long id) throws Exception {
        String[] last = new String[1];
        await("run " + id + " to finish", WAIT, () -> {
            HttpResponse<String> r = call("GET", "/api/v1/runs/" + id, null, null);
            last[0] = r.body();
            return r.statusCode() == 200 && (r.body().contains("\"status\":\"succeeded\"")
                    || r.body().contains("\"status\":\"dead\""));
        });
        assertNotNull(last[0]);
        return last[0];
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }
}
