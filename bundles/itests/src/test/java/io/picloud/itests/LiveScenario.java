package io.picloud.itests;

import static io.picloud.itests.Callers.JSON;
import static io.picloud.itests.Callers.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import io.picloud.api.Dispatcher;
import io.picloud.itests.Callers.Answer;
import org.osgi.framework.Bundle;

/**
 * OpenApiIT's walk through the dashboard's live parts: the runs across scripts with their filters and ids, one run,
 * the Server-Sent Events tail (its {@code data} validated as an Invocation), and "try it" (also while this node has
 * no executor: 503).
 */
final class LiveScenario {
    private static final String INVOCATION = "/components/schemas/Invocation";
    private final Callers w;
    private final OpenApiIT it;
    private final OpenApiContract contract;

    LiveScenario(Callers callers, OpenApiIT it, OpenApiContract contract) {
        this.w = callers;
        this.it = it;
        this.contract = contract;
    }

    void run() throws Exception {
        if (!w.routed("/api/v1/invocations")) {
            return; // not merged yet: OpenApiIT's report lists these operations as never answered
        }
        tryIt();
        invocations();
        stream();
    }

    private void tryIt() throws Exception {
        String path = "/api/v1/scripts/it-a/test";
        Answer ran = expect(200, w.call(w.dev, "POST", path, JSON,
                "{\"method\":\"GET\",\"path\":\"/x\",\"query\":\"who=test\",\"headers\":{\"x-it\":\"1\"}}"));
        assertEquals(ran.body(), "hello test", ran.text("body"));
        expect(200, w.call(w.dev, "POST", path, null, null)); // every field is optional, the body too
        Answer failed = expect(200, w.call(w.dev, "POST", "/api/v1/scripts/it-fails/test", JSON, "{}"));
        assertEquals(failed.body(), 2, failed.json().path("error").path("line").asInt());
        expect(403, w.call(w.viewer, "POST", path, JSON, "{}"));
        expect(404, w.call(w.dev, "POST", "/api/v1/scripts/it-none/test", JSON, "{}"));
        expect(400, w.call(w.dev, "POST", path, JSON, "{\"headers\":[1]}"));
        expect(415, w.call(w.dev, "POST", path, "text/plain", "GET /"));
        // without the node's dispatcher (as in a manager-only container) there is nothing to run it on
        Bundle runner = it.bundleOf(Dispatcher.class);
        runner.stop();
        try {
            PicloudTestSupport.await("try it to answer 503 without a dispatcher", OpenApiIT.WAIT,
                    () -> w.call(w.dev, "POST", path, JSON, "{}").status() == 503);
        } finally {
            runner.start();
        }
        PicloudTestSupport.await("try it to run again", OpenApiIT.WAIT,
                () -> w.call(w.dev, "POST", path, JSON, "{}").status() == 200);
    }

    private void invocations() throws Exception {
        PicloudTestSupport.await("the test runs in the log", OpenApiIT.WAIT, () -> expect(200, w.call(w.viewer,
                "GET", "/api/v1/invocations?trigger=test&limit=5", null, null)).json().path("invocations")
                .size() >= 2);
        Answer page = expect(200, w.call(w.viewer, "GET", "/api/v1/invocations?limit=1", null, null));
        String next = page.text("nextBefore");
        expect(200, w.call(w.viewer, "GET", "/api/v1/invocations?limit=1&before=" + next, null, null));
        Answer failed = expect(200, w.call(w.viewer, "GET",
                "/api/v1/invocations?script=it-fails&status=error&since=2020-01-01T00:00:00Z", null, null));
        String id = failed.json().path("invocations").path(0).path("id").asString();
        Answer one = expect(200, w.call(w.viewer, "GET", "/api/v1/invocations/" + id, null, null));
        assertEquals(one.body(), 2, one.json().path("line").asInt());
        expect(200, w.call(w.viewer, "GET", "/api/v1/scripts/it-a/invocations?trigger=test&status=ok", null,
                null));
        expect(404, w.call(w.viewer, "GET", "/api/v1/invocations/999999999.1", null, null));
        expect(400, w.call(w.viewer, "GET", "/api/v1/invocations?status=fine", null, null));
        expect(400, w.call(w.viewer, "GET", "/api/v1/invocations?since=yesterday", null, null));
        expect(404, w.call(w.viewer, "GET", "/api/v1/invocations?script=it-none", null, null));
    }

    /** The tail: a run of it-a arrives as an event; the stream's refusals are documented errors. */
    private void stream() throws Exception {
        String data = it.firstEvent(w.devSession, "/api/v1/invocations/stream?script=it-a",
                () -> expect(200, w.call(w.anonymous, "GET", "/fn/it-a?who=tail", null, null)));
        assertNotNull("the stream answered 200", data);
        List<String> problems = contract.validate(INVOCATION, data);
        assertTrue(problems + " in " + data, problems.isEmpty());
        assertTrue(data, data.contains("\"script\":\"it-a\""));
        assertEquals(null, it.firstEvent(w.anonymous, "/api/v1/invocations/stream", null));
        assertEquals(null, it.firstEvent(w.dev, "/api/v1/invocations/stream?script=it-none", null));
        assertEquals(null, it.firstEvent(w.dev, "/api/v1/invocations/stream?script=Not_Valid", null));
    }
}
