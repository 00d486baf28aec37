package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.api.InvocationRecord;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@code /invocations}, {@code /invocations/{id}} and the filters of {@code /scripts/{name}/invocations}. */
public class RestInvocationsTest extends RestTeam {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    @BeforeClass
    public static void runs() throws Exception {
        assertEquals(201, api.put("/scripts/inv-a").key(alice).text("1").send().status());
        assertEquals(201, api.put("/scripts/inv-b").key(bob).text("2").send().status());
        long before = cp.invocations.written();
        cp.invocations.record(run("inv-a", 0, "http", "ok", 0, 0));
        cp.invocations.record(run("inv-a", 1, "cron", "error", 3, 9));
        cp.invocations.record(run("inv-b", 2, "http", "limit", 0, 0));
        cp.invocations.record(run("inv-b", 3, "test", "ok", 0, 0));
        for (int i = 0; i < 200 && cp.invocations.written() < before + 4; i++) {
            Thread.sleep(25);
        }
    }

    @Test
    public void everyRunHasAnIdAndTheListCrossesScriptsNewestFirst() {
        Reply all = api.get("/invocations").key(viewer).send();
        assertEquals(all.toString(), 200, all.status());
        List<String> scripts = field(all, "script");
        assertEquals(List.of("inv-b", "inv-b", "inv-a", "inv-a"), scripts);
        for (JsonNode r : all.json().get("invocations")) {
            assertTrue(r.get("id").asText(), r.get("id").asText().matches("\\d+\\.\\d+"));
        }
        assertTrue(all.json().get("nextBefore").isNull());

        JsonNode failed = all.json().get("invocations").get(2);
        assertEquals(3, failed.get("line").asInt());
        assertEquals(9, failed.get("column").asInt());
        assertFalse("no position: no line", all.json().get("invocations").get(0).has("line"));

        Reply one = api.get("/invocations/" + failed.get("id").asText()).key(viewer).send();
        assertEquals(200, one.status());
        assertEquals(failed, one.json());
        assertEquals(404, api.get("/invocations/999999.1").key(viewer).send().status());
        assertEquals(404, api.get("/invocations/not-an-id").key(viewer).send().status());

        String ref = failed.get("ref").asText();
        Reply byRef = api.get("/invocations/" + ref).key(viewer).send();
        assertEquals(byRef.toString(), 200, byRef.status());
        assertEquals(failed, byRef.json());
        assertEquals(404, api.get("/invocations/" + io.picloud.api.InvocationRef.next(T0)).key(viewer).send()
                .status());
    }

    @Test
    public void filtersAndPagesByBefore() {
        assertEquals(List.of("inv-a"), field(api.get("/invocations?status=error").key(viewer).send(), "script"));
        assertEquals(List.of("test"), field(api.get("/invocations?trigger=test").key(viewer).send(), "trigger"));
        assertEquals(List.of("inv-b", "inv-b"), field(api.get("/invocations?script=inv-b").key(viewer).send(),
                "script"));
        assertEquals(List.of("limit", "error"), field(api.get("/invocations?since=2026-06-01T12:00:01Z"
                + "&until=2026-06-01T12:00:03Z").key(viewer).send(), "status"));
        assertEquals(List.of("cron"), field(api.get("/scripts/inv-a/invocations?status=error").key(viewer).send(),
                "trigger"));

        Reply page = api.get("/invocations?limit=3").key(viewer).send();
        assertEquals(3, page.json().get("invocations").size());
        String next = page.json().get("nextBefore").asText();
        assertEquals(page.json().get("invocations").get(2).get("id").asText(), next);
        Reply rest = api.get("/invocations?limit=3&before=" + next).key(viewer).send();
        assertEquals(List.of("ok"), field(rest, "status"));
        assertEquals("http", rest.json().get("invocations").get(0).get("trigger").asText());
    }

    @Test
    public void badFiltersAre400NamingTheField() {
        assertEquals("status", api.get("/invocations?status=weird").key(viewer).send().field());
        assertEquals("since", api.get("/invocations?since=yesterday").key(viewer).send().field());
        assertEquals("before", api.get("/invocations?before=1").key(viewer).send().field());
        assertEquals("limit", api.get("/invocations?limit=1001").key(viewer).send().field());
        assertEquals(404, api.get("/scripts/no-such/invocations").key(viewer).send().status());
        assertEquals(401, api.get("/invocations").send().status());
    }

    private static List<String> field(Reply r, String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : r.json().get("invocations")) {
            out.add(n.get(name).asText());
        }
        return out;
    }

    private static InvocationRecord run(String script, int second, String trigger, String status, int line,
                                        int column) {
        boolean ok = status.equals("ok");
        return new InvocationRecord(script, 1, trigger, T0.plusSeconds(second), 10, status,
                ok ? null : "ErrorArithmetic", ok ? null : "Division by zero", List.of(), 4, null, line, column, null,
                io.picloud.api.InvocationRef.next(T0.plusSeconds(second)));
    }
}
