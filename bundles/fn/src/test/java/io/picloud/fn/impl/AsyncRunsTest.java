package io.picloud.fn.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.RunRequest;
import io.picloud.api.control.EndpointAccess;
import org.junit.Test;

/** {@code /fn/{name}} with {@code Prefer: respond-async}: queued, never run; 404, 503, idempotency, access first. */
public class AsyncRunsTest {
    private final QueueFake queue = new QueueFake();
    private final AtomicInteger ran = new AtomicInteger();
    private final FnEndpoint endpoint = new FnEndpoint(new Dispatcher() {
        @Override
        public java.util.Optional<Dispatch> dispatch(Event event) {
            ran.incrementAndGet();
            return java.util.Optional.empty();
        }

        @Override
        public Dispatch dispatchInline(Event event) {
            ran.incrementAndGet();
            return null;
        }
    }, (script, key) -> script.equals("private") && !"good".equals(key) ? EndpointAccess.Decision.UNAUTHENTICATED
            : EndpointAccess.Decision.ALLOW, queue, config());

    private static FnEndpoint.Config config() {
        return (FnEndpoint.Config) Proxy.newProxyInstance(AsyncRunsTest.class.getClassLoader(),
                new Class<?>[]{FnEndpoint.Config.class}, (p, m, a) -> switch (m.getName()) {
                    case "maxBodyBytes" -> 1024L;
                    case "retryAfterSeconds" -> 2;
                    case "annotationType" -> FnEndpoint.Config.class;
                    default -> m.getDefaultValue();
                });
    }

    private FakeExchange send(FakeExchange e) throws Exception {
        endpoint.handle(e);
        assertEquals(1, e.answers);
        return e;
    }

    private static FakeExchange async(String method, String target, String body) {
        return new FakeExchange(method, target, body).header("Prefer", "wait=10, respond-async")
                .header("Content-Type", "application/json");
    }

    @Test
    public void aPreferredAsyncCallIsQueuedAs202WithItsLocation() throws Exception {
        FakeExchange r = send(async("POST", "/fn/job/sub?x=1", "{\"n\":1}"));
        assertEquals(202, r.status);
        assertEquals("application/json", r.contentType);
        assertEquals("{\"id\":1,\"status\":\"queued\"}", r.answerText());
        assertEquals("/api/v1/runs/1", r.answerHeaders.get("Location"));
        assertEquals("respond-async", r.answerHeaders.get("Preference-Applied"));
        assertEquals("not run now", 0, ran.get());
        RunRequest q = queue.submitted.get(0);
        assertEquals("http", q.trigger());
        assertEquals("/fn/job/sub", q.source());
        assertEquals("job", q.script());
        assertEquals("the request map as a sync call sees it", "POST", q.payload().get("method"));
        assertEquals(Map.of("n", 1L), Map.copyOf((Map<?, ?>) q.payload().get("json")));
        assertNull(q.submittedBy());
    }

    @Test
    public void getHeadAndNoPreferenceRunAsBefore() throws Exception {
        send(async("GET", "/fn/job", ""));
        send(new FakeExchange("POST", "/fn/job", "{}"));
        assertEquals(2, ran.get());
        assertTrue(queue.submitted.isEmpty());
        assertFalse("queued on a worker thread, not inline", endpoint.handleInline(async("DELETE", "/fn/job", "")));
        assertEquals(202, send(async("DELETE", "/fn/job", "")).status);
    }

    @Test
    public void anIdempotencyKeyAnswersTheEarlierRun() throws Exception {
        FakeExchange first = send(async("POST", "/fn/job", "{}").header("Idempotency-Key", "k1"));
        FakeExchange again = send(async("POST", "/fn/job", "{}").header("Idempotency-Key", "k1"));
        assertEquals(first.answerText(), again.answerText());
        assertEquals("true", again.answerHeaders.get("Idempotent-Replayed"));
        assertEquals(1, queue.submitted.size());
        assertEquals(400, send(async("POST", "/fn/job", "{}").header("Idempotency-Key", "x".repeat(256))).status);
    }

    @Test
    public void unknownScriptsAccessAndOutagesAnswerAsForASyncCall() throws Exception {
        assertEquals(404, send(async("POST", "/fn/missing", "{}")).status);
        assertEquals("the access check comes first", 401, send(async("POST", "/fn/private", "{}")).status);
        assertTrue(queue.submitted.isEmpty());
        assertEquals(202, send(async("POST", "/fn/private?key=good", "{}")).status);
        queue.away = true;
        FakeExchange away = send(async("POST", "/fn/job", "{}"));
        assertEquals(503, away.status);
        assertEquals("2", away.answerHeaders.get("Retry-After"));
    }
}
