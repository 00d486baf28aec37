package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ScriptProblem;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.After;
import org.junit.Test;

/** {@code POST /scripts/{name}/test}: the request /fn would build, the answer /fn would send, who may. */
public class RestScriptTestTest extends RestTeam {
    private final AtomicReference<Event> seen = new AtomicReference<>();
    private volatile ExecutionOutcome next;

    private final Dispatcher dispatcher = event -> {
        seen.set(event);
        return cp.scriptStore.active(event.script()).map(v -> new Dispatcher.Dispatch(v, next));
    };

    @After
    public void noDispatcher() {
        cp.dispatcher(null);
    }

    @Test
    public void runsWithTheRequestFnBuildsAndAnswersWhatFnWouldSend() {
        assertEquals(201, api.put("/scripts/try-me").key(alice).text("request.json").send().status());
        assertEquals(200, api.put("/scripts/try-me").key(alice).text("request.json.a").send().status());
        cp.dispatcher(dispatcher);
        next = new ExecutionOutcome(Map.of("got", 1L), null, false, List.of("printed"), 42, 7);

        Reply r = api.post("/scripts/try-me/test").key(alice).json("{\"method\":\"post\",\"path\":\"/x/y\","
                + "\"query\":\"a=1&a=2\",\"headers\":{\"Content-Type\":\"application/json\",\"X-K\":\"v\"},"
                + "\"body\":\"{\\\"a\\\":5}\"}").send();
        assertEquals(r.toString(), 200, r.status());
        assertEquals(200, r.json().get("status").asInt());
        assertEquals("application/json", r.json().get("contentType").asText());
        assertEquals("{\"got\":1}", r.json().get("body").asText());
        assertTrue(r.json().get("bodyBase64").isNull());
        assertEquals(42, r.json().get("operations").asLong());
        assertEquals(7, r.json().get("durationUs").asLong());
        assertEquals("printed", r.json().get("output").get(0).asText());
        assertTrue(r.json().get("error").isNull());
        assertEquals(2, r.json().get("version").asInt());

        Event e = seen.get();
        assertEquals("try-me", e.script());
        Map<String, Object> req = e.payload();
        assertEquals("POST", req.get("method"));
        assertEquals("/fn/try-me/x/y", req.get("path"));
        assertEquals(Map.of("a", "1,2"), req.get("query"));
        assertEquals(Map.of("content-type", "application/json", "x-k", "v"), req.get("headers"));
        assertEquals(Map.of("a", 5L), req.get("json"));
        assertEquals(Map.of("name", "try-me", "rest", "x/y"), req.get("params"));
    }

    @Test
    public void errorsBinaryBodiesAndAnEmptyRequest() {
        assertEquals(201, api.put("/scripts/try-err").key(alice).text("1").send().status());
        cp.dispatcher(dispatcher);
        next = new ExecutionOutcome(null, new ScriptProblem("ErrorArithmetic", "Division by zero", 2, 5), false,
                List.of(), 3, 1);
        Reply failed = api.post("/scripts/try-err/test").key(alice).send();
        assertEquals(failed.toString(), 200, failed.status());
        assertEquals(500, failed.json().get("status").asInt());
        assertEquals("ErrorArithmetic", failed.json().get("error").get("kind").asText());
        assertEquals(2, failed.json().get("error").get("line").asInt());
        assertEquals(5, failed.json().get("error").get("column").asInt());
        assertEquals("GET", seen.get().payload().get("method"));
        assertEquals("/fn/try-err", seen.get().payload().get("path"));

        next = new ExecutionOutcome(new byte[] {0, (byte) 0xff}, null, false, List.of(), 1, 1);
        Reply blob = api.post("/scripts/try-err/test").key(alice).json("{}").send();
        assertTrue(blob.json().get("body").isNull());
        assertEquals("AP8=", blob.json().get("bodyBase64").asText());

        next = new ExecutionOutcome(null, null, false, List.of(), 1, 1);
        Reply none = api.post("/scripts/try-err/test").key(alice).json("{}").send();
        assertEquals(204, none.json().get("status").asInt());
        assertTrue(none.json().get("body").isNull());
        assertTrue(none.json().get("bodyBase64").isNull());
    }

    @Test
    public void onlyWhoMayChangeTheScriptAndOnlyWhereAnExecutorRuns() {
        assertEquals(201, api.put("/scripts/try-mine").key(alice).text("1").send().status());
        Reply alone = api.post("/scripts/try-mine/test").key(alice).json("{}").send();
        assertEquals(503, alone.status());
        assertEquals("unavailable", alone.code());

        cp.dispatcher(dispatcher);
        next = new ExecutionOutcome("ok", null, false, List.of(), 1, 1);
        assertEquals(403, api.post("/scripts/try-mine/test").key(viewer).json("{}").send().status());
        assertEquals(403, api.post("/scripts/try-mine/test").key(bob).json("{}").send().status());
        assertEquals(200, api.post("/scripts/try-mine/test").key(admin).json("{}").send().status());
        assertEquals(404, api.post("/scripts/no-such/test").key(alice).json("{}").send().status());
        assertEquals("method", api.post("/scripts/try-mine/test").key(alice).json("{\"method\":\"G T\"}").send()
                .field());
        assertEquals("path", api.post("/scripts/try-mine/test").key(alice).json("{\"path\":\"x\"}").send()
                .field());
        assertEquals("extra", api.post("/scripts/try-mine/test").key(alice).json("{\"extra\":1}").send().field());
    }
}
