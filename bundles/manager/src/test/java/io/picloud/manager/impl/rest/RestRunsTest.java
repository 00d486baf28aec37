package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import io.picloud.api.Run;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.Test;

/**
 * Queued runs and dead letters over REST, on the in-memory run queue: 202 with Location, idempotency, reading,
 * replay and removal with the rights of each role, and the audit of changes.
 */
public class RestRunsTest extends RestTeam {
    private static long id(Reply r) {
        return r.json().get("id").asLong();
    }

    private void deploy(String name, String key) {
        assertEquals(201, api.put("/scripts/" + name).key(key).text("event").send().status());
    }

    @Test
    public void aRunIsQueuedWithItsPayloadAndReadBack() {
        deploy("job", alice);
        Reply r = api.post("/scripts/job/runs").key(alice).json("{\"n\":1,\"tags\":[\"a\"]}").send();
        assertEquals(r.toString(), 202, r.status());
        assertEquals("queued", r.json().get("status").asText());
        assertEquals("/api/v1/runs/" + id(r), r.header("Location"));
        assertNull(r.header("Idempotent-Replayed"));
        assertEquals("async", cp.runStore.lastRequest.trigger());
        assertEquals("alice", cp.runStore.lastRequest.submittedBy());
        assertEquals(Map.of("n", 1L, "tags", java.util.List.of("a")), Map.copyOf((Map<?, ?>) cp.runStore.lastRequest.payload().get("payload")));
        assertEquals("async", cp.runStore.lastRequest.payload().get("type"));

        Reply got = api.get("/runs/" + id(r)).key(viewer).send();
        assertEquals(got.toString(), 200, got.status());
        assertEquals("job", got.json().get("script").asText());
        assertEquals(1, got.json().get("payload").get("payload").get("n").asInt());
        assertTrue(got.json().get("history").isArray());

        Reply none = api.post("/scripts/job/runs").key(alice).send();
        assertEquals("no body: an empty payload", 202, none.status());
        assertTrue(((Map<?, ?>) cp.runStore.lastRequest.payload().get("payload")).isEmpty());
        assertEquals(400, api.post("/scripts/job/runs").key(alice).json("[1]").send().status());
        assertEquals(404, api.post("/scripts/ghost/runs").key(admin).json("{}").send().status());
        assertEquals(404, api.get("/runs/999999").key(viewer).send().status());
        assertEquals(404, api.get("/runs/abc").key(viewer).send().status());
    }

    @Test
    public void theSameIdempotencyKeyAnswersTheSameRun() {
        deploy("once", alice);
        Reply first = api.post("/scripts/once/runs").key(alice).header("Idempotency-Key", "order-7").json("{}")
                .send();
        Reply again = api.post("/scripts/once/runs").key(alice).header("Idempotency-Key", "order-7").json("{}")
                .send();
        assertEquals(202, again.status());
        assertEquals(id(first), id(again));
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(1, api.get("/runs?script=once").key(viewer).send().json().get("runs").size());
        Reply bad = api.post("/scripts/once/runs").key(alice).header("Idempotency-Key", "x".repeat(256)).send();
        assertEquals(400, bad.status());
        assertEquals("idempotencyKey", bad.field());
    }

    @Test
    public void whoMayQueueRuns() {
        deploy("alices-job", alice);
        assertEquals("a viewer reads but does not invoke", 403,
                api.post("/scripts/alices-job/runs").key(viewer).send().status());
        assertEquals("another developer may not", 403, api.post("/scripts/alices-job/runs").key(bob).send().status());
        assertEquals(202, api.post("/scripts/alices-job/runs").key(admin).send().status());
        String invoke = api.post("/keys").key(alice).json("{\"name\":\"inv\",\"scripts\":[\"alices-job\"]}").send()
                .json().get("key").asText();
        assertEquals("an invoke-only key naming it may", 202,
                api.post("/scripts/alices-job/runs").key(invoke).send().status());
        deploy("other-job", alice);
        assertEquals(403, api.post("/scripts/other-job/runs").key(invoke).send().status());
        assertEquals("but reads nothing", 403, api.get("/runs").key(invoke).send().status());
        assertEquals(401, api.post("/scripts/alices-job/runs").send().status());
        assertTrue(cp.audit.query(cp.keys.authenticate(OWNER, null).orElseThrow(), "bob", "run.submit", "alices-job", null, 5).stream()
                .anyMatch(e -> e.outcome().equals("denied")));
    }

    @Test
    public void runsAreListedNewestFirstAndPaged() {
        deploy("pages", alice);
        for (int i = 0; i < 5; i++) {
            assertEquals(202, api.post("/scripts/pages/runs").key(alice).send().status());
        }
        Reply page = api.get("/runs?script=pages&limit=3").key(viewer).send();
        assertEquals(page.toString(), 200, page.status());
        assertEquals(3, page.json().get("runs").size());
        long next = page.json().get("nextBefore").asLong();
        assertEquals(page.json().get("runs").get(2).get("id").asLong(), next);
        Reply rest = api.get("/runs?script=pages&limit=3&before=" + next).key(viewer).send();
        assertEquals(2, rest.json().get("runs").size());
        assertTrue(rest.json().get("nextBefore").isNull());
        assertTrue(page.json().get("runs").get(0).get("id").asLong() > page.json().get("runs").get(1).get("id")
                .asLong());
        assertEquals(5, api.get("/runs?script=pages&status=queued").key(viewer).send().json().get("runs").size());
        assertEquals("status", api.get("/runs?status=sleeping").key(viewer).send().field());
        assertEquals("limit", api.get("/runs?limit=501").key(viewer).send().field());
        assertEquals("before", api.get("/runs?before=x").key(viewer).send().field());
        assertEquals(404, api.get("/runs?script=ghost").key(viewer).send().status());
    }

    @Test
    public void aDeadLetterIsShownReplayedWithAnEditedPayloadAndRemoved() {
        deploy("flaky", alice);
        long id = id(api.post("/scripts/flaky/runs").key(alice).json("{\"n\":1}").send());
        assertEquals("not dead yet", 404, api.get("/dead-letters/" + id).key(viewer).send().status());
        cp.runStore.finish(id, Run.DEAD, null, new Run.RunError("ErrorRuntime", "boom", 1, 5));

        Reply list = api.get("/dead-letters?script=flaky").key(viewer).send();
        assertEquals(list.toString(), 200, list.status());
        assertEquals(id, list.json().get("runs").get(0).get("id").asLong());
        Reply dead = api.get("/dead-letters/" + id).key(viewer).send();
        assertEquals(1, dead.json().get("payload").get("payload").get("n").asInt());
        assertEquals("boom", dead.json().get("history").get(0).get("error").get("message").asText());
        assertEquals(5, dead.json().get("error").get("column").asInt());

        assertEquals(403, api.post("/dead-letters/" + id + "/replay").key(bob).send().status());
        assertEquals(403, api.post("/dead-letters/" + id + "/replay").key(viewer).send().status());
        assertEquals("payload", api.post("/dead-letters/" + id + "/replay").key(alice).json("{\"payload\":3}")
                .send().field());
        Reply replayed = api.post("/dead-letters/" + id + "/replay").key(alice).json("{\"payload\":{\"n\":2}}")
                .send();
        assertEquals(replayed.toString(), 202, replayed.status());
        long again = id(replayed);
        assertEquals("/api/v1/runs/" + again, replayed.header("Location"));
        assertEquals(id, replayed.json().get("replayOf").asLong());
        assertEquals(2, replayed.json().get("payload").get("n").asInt());
        assertEquals(again, api.get("/dead-letters/" + id).key(viewer).send().json().get("replayedAs").asLong());
        assertEquals(1, api.get("/dead-letters?replayed=true&script=flaky").key(viewer).send().json().get("runs")
                .size());
        assertEquals(0, api.get("/dead-letters?replayed=false&script=flaky").key(viewer).send().json().get("runs")
                .size());
        assertEquals("replayed", api.get("/dead-letters?replayed=maybe").key(viewer).send().field());

        long plain = id(api.post("/scripts/flaky/runs").key(alice).json("{\"n\":9}").send());
        cp.runStore.finish(plain, Run.DEAD, null, new Run.RunError("ErrorRuntime", "boom", 1, 5));
        Reply own = api.post("/dead-letters/" + plain + "/replay").key(alice).send();
        assertEquals("no body: its own payload", 9, own.json().get("payload").get("payload").get("n").asInt());

        assertEquals(403, api.delete("/dead-letters/" + id).key(bob).send().status());
        assertEquals(204, api.delete("/dead-letters/" + id).key(alice).send().status());
        assertEquals(404, api.delete("/dead-letters/" + id).key(alice).send().status());
        assertEquals(404, api.get("/runs/" + id).key(alice).send().status());
        assertTrue(cp.audit.query(cp.keys.authenticate(OWNER, null).orElseThrow(), "alice", "run.replay", "flaky", null, 5).stream()
                .anyMatch(e -> e.outcome().equals("ok")));
        assertTrue(cp.audit.query(cp.keys.authenticate(OWNER, null).orElseThrow(), "alice", "run.delete", "flaky", null, 5).stream()
                .anyMatch(e -> e.outcome().equals("ok")));
    }

    @Test
    public void aScriptsRateLimitRefusesSubmissionsWith429() {
        deploy("limited", alice);
        cp.runLimiter.refused.add("limited");
        try {
            Reply r = api.post("/scripts/limited/runs").key(alice).send();
            assertEquals(r.toString(), 429, r.status());
            assertEquals("rate_limited", r.code());
            assertEquals("7", r.header("Retry-After"));
        } finally {
            cp.runLimiter.refused.remove("limited");
        }
    }

    @Test
    public void theQueueAwayIsA503() {
        deploy("away", alice);
        cp.runStore.away(true);
        try {
            Reply r = api.post("/scripts/away/runs").key(alice).send();
            assertEquals(503, r.status());
            assertEquals("5", r.header("Retry-After"));
        } finally {
            cp.runStore.away(false);
        }
    }
}
