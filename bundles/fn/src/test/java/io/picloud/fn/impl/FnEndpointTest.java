package io.picloud.fn.impl;

import io.picloud.api.Dispatcher;
import io.picloud.api.control.EndpointAccess;
import io.picloud.api.Event;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptVersion;
import io.picloud.api.StoreUnavailableException;
import org.junit.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/** The endpoint over an in-memory exchange; real HTTP is covered by the server's own tests and EndpointIT. */
public class FnEndpointTest {
    private final AtomicReference<Event> lastEvent = new AtomicReference<>();
    private volatile Function<Event, Optional<Dispatcher.Dispatch>> answer;
    /** Script "private" needs the key "good"; every other script is public. */
    private final EndpointAccess access = (script, key) -> !script.equals("private") ? EndpointAccess.Decision.ALLOW
            : key == null || key.equals("bad") ? EndpointAccess.Decision.UNAUTHENTICATED
            : key.equals("good") ? EndpointAccess.Decision.ALLOW : EndpointAccess.Decision.FORBIDDEN;
    private final QueueFake queue = new QueueFake();
    private final FnEndpoint endpoint = new FnEndpoint(event -> {
        lastEvent.set(event);
        return answer.apply(event);
    }, access, queue, config(64));

    private static FnEndpoint.Config config(long maxBody) {
        return (FnEndpoint.Config) Proxy.newProxyInstance(FnEndpointTest.class.getClassLoader(),
                new Class<?>[]{FnEndpoint.Config.class}, (p, m, a) -> switch (m.getName()) {
                    case "maxBodyBytes" -> maxBody;
                    case "retryAfterSeconds" -> 3;
                    case "annotationType" -> FnEndpoint.Config.class;
                    default -> m.getDefaultValue();
                });
    }

    private static Optional<Dispatcher.Dispatch> value(Object value) {
        return Optional.of(new Dispatcher.Dispatch(new ScriptVersion("x", 1, "h", "", Instant.EPOCH),
                new ExecutionOutcome(value, null, false, List.of(), 1, 1)));
    }

    private FakeExchange send(FakeExchange exchange) throws Exception {
        endpoint.handle(exchange);
        assertEquals("answered exactly once", 1, exchange.answers);
        return exchange;
    }

    private FakeExchange get(String target) throws Exception {
        return send(new FakeExchange("GET", target, ""));
    }

    @Test
    public void postWithQueryHeadersAndJsonReachesTheScriptAsTheRequestMap() throws Exception {
        answer = e -> value("ok");
        FakeExchange r = send(new FakeExchange("POST", "/fn/echo/a/b?x=1&y=z%20z", "{\"n\":1}")
                .header("Content-Type", "application/json").header("X-Thing", "T").header("x-thing", "U"));
        assertEquals(200, r.status);
        assertEquals("text/plain; charset=utf-8", r.contentType);
        assertEquals("ok", r.answerText());

        Event e = lastEvent.get();
        assertEquals("http", e.type());
        assertEquals("echo", e.script());
        Map<String, Object> req = e.payload();
        assertEquals("POST", req.get("method"));
        assertEquals("/fn/echo/a/b", req.get("path"));
        assertEquals(Map.of("x", "1", "y", "z z"), req.get("query"));
        assertEquals("T, U", ((Map<?, ?>) req.get("headers")).get("x-thing"));
        assertEquals("{\"n\":1}", req.get("body"));
        assertEquals(Map.of("n", 1L), req.get("json"));
        assertEquals(Map.of("name", "echo", "rest", "a/b"), req.get("params"));
    }

    @Test
    public void theBodyIsDecodedWithTheDeclaredCharset() throws Exception {
        answer = e -> value("ok");
        FakeExchange latin = new FakeExchange("POST", "/fn/t", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))
                .header("Content-Type", "text/plain; charset=ISO-8859-1");
        send(latin);
        assertEquals("caf\u00e9", lastEvent.get().payload().get("body"));
    }

    @Test
    public void jsonValuesAnd204() throws Exception {
        answer = e -> value(Map.of("a", List.of(1L, 2L)));
        FakeExchange r = get("/fn/j");
        assertEquals(200, r.status);
        assertEquals("application/json", r.contentType);
        assertEquals("{\"a\":[1,2]}", r.answerText());

        answer = e -> value(null);
        r = send(new FakeExchange("DELETE", "/fn/j", ""));
        assertEquals(204, r.status);
        assertEquals(0, r.answerBody.length);
    }

    @Test
    public void responseMapSetsStatusHeadersAndBody() throws Exception {
        answer = e -> value(Map.of("status", 418L, "headers", Map.of("X-Tea", "yes", "Content-Type", "text/x-tea"),
                "body", "short and stout"));
        FakeExchange r = get("/fn/teapot");
        assertEquals(418, r.status);
        assertEquals(Map.of("X-Tea", "yes"), r.answerHeaders);
        assertEquals("text/x-tea", r.contentType);
        assertEquals("short and stout", r.answerText());
    }

    @Test
    public void unknownScriptIs404Json() throws Exception {
        answer = e -> Optional.empty();
        FakeExchange r = get("/fn/nope");
        assertEquals(404, r.status);
        assertEquals("application/json", r.contentType);
        assertEquals("{\"error\":{\"code\":\"not_found\",\"message\":\"no script named 'nope'\"}}", r.answerText());
        assertEquals(404, get("/fn/").status);
        assertEquals(404, get("/fn").status);
    }

    @Test
    public void bodyOverTheLimitIs413AndNeverDispatched() throws Exception {
        answer = e -> value("should not run");
        FakeExchange r = send(new FakeExchange("POST", "/fn/big", "x".repeat(65)));
        assertEquals(413, r.status);
        assertEquals(true, r.answerText().contains("\"code\":\"payload_too_large\""));
        assertNull(lastEvent.get());
        assertEquals(200, send(new FakeExchange("POST", "/fn/big", "x".repeat(64))).status);
    }

    @Test
    public void scriptErrorIs500WithoutStackTrace() throws Exception {
        answer = e -> Optional.of(new Dispatcher.Dispatch(new ScriptVersion("x", 1, "h", "", Instant.EPOCH),
                new ExecutionOutcome(null, new ScriptProblem("ErrorArithmetic", "Division by zero", 3, 9), false,
                        List.of(), 1, 1)));
        FakeExchange r = get("/fn/div");
        assertEquals(500, r.status);
        assertEquals("{\"error\":{\"kind\":\"ErrorArithmetic\",\"message\":\"Division by zero\",\"line\":3,\"column\":9}}",
                r.answerText());
    }

    @Test
    public void storeOutageIs503WithRetryAfterAndBugsAre500WithoutDetails() throws Exception {
        answer = e -> {
            throw new StoreUnavailableException("db down", null);
        };
        FakeExchange r = get("/fn/x");
        assertEquals(503, r.status);
        assertEquals("3", r.answerHeaders.get("Retry-After"));

        answer = e -> {
            throw new IllegalStateException("secret internals");
        };
        r = get("/fn/x");
        assertEquals(500, r.status);
        assertFalse(r.answerText().contains("secret"));
        assertFalse(r.answerText().contains("Exception"));
    }

    @Test
    public void aRequestWithoutBodyIsAnsweredInlineWhenTheDispatcherCan() throws Exception {
        AtomicReference<Event> inlineEvent = new AtomicReference<>();
        FnEndpoint inline = new FnEndpoint(new Dispatcher() {
            @Override
            public Optional<Dispatch> dispatch(Event event) {
                return value("blocking");
            }

            @Override
            public Dispatch dispatchInline(Event event) {
                inlineEvent.set(event);
                return "slow".equals(event.script()) ? null : value("inline").get();
            }

            @Override
            public boolean mayDispatchInline(String script) {
                return !script.equals("worker");
            }
        }, access, queue, config(64));

        FakeExchange fast = new FakeExchange("GET", "/fn/fast/x?q=1", "");
        assertEquals(true, inline.handleInline(fast));
        assertEquals(1, fast.answers);
        assertEquals("inline", fast.answerText());
        assertEquals("/fn/fast/x", inlineEvent.get().payload().get("path"));

        FakeExchange slow = new FakeExchange("GET", "/fn/slow", "");
        assertFalse(inline.handleInline(slow));
        assertEquals("not answered: the worker will", 0, slow.answers);

        inlineEvent.set(null);
        FakeExchange withBody = new FakeExchange("POST", "/fn/fast", "body");
        assertFalse("reading a body may block", inline.handleInline(withBody));
        assertNull(inlineEvent.get());
        assertFalse(inline.handleInline(new FakeExchange("GET", "/fn/", "")));

        FakeExchange worker = new FakeExchange("GET", "/fn/worker", "");
        assertFalse(inline.handleInline(worker));
        assertNull("no request map is built for a script the dispatcher would not run inline", inlineEvent.get());
        assertEquals(0, worker.answers);

        FakeExchange refused = new FakeExchange("GET", "/fn/private", "");
        assertTrue("a refusal is answered inline", inline.handleInline(refused));
        assertEquals(401, refused.status);
        assertNull(inlineEvent.get());
    }

    @Test
    public void anUnknownScriptIs404WithoutReadingTheBody() throws Exception {
        FnEndpoint known = new FnEndpoint(event -> {
            lastEvent.set(event);
            return value("ran");
        }, access, queue, name -> name.equals("there"), config(64));
        FakeExchange missing = new FakeExchange("POST", "/fn/nothing", "{\"a\":1}");
        known.handle(missing);
        assertEquals(404, missing.status);
        assertEquals(0, missing.bodyReads);
        assertNull(lastEvent.get());
        FakeExchange there = new FakeExchange("POST", "/fn/there", "{\"a\":1}");
        known.handle(there);
        assertEquals(200, there.status);
        assertEquals(1, there.bodyReads);
        assertEquals(Map.of("a", 1L), lastEvent.get().payload().get("json"));
    }

    @Test
    public void aScriptWithKeyAccessAnswers401WithoutAKey403WithAWrongOneAndRunsWithAGoodOne() throws Exception {
        answer = e -> value("secret data");
        FakeExchange none = get("/fn/private");
        assertEquals(401, none.status);
        assertEquals("Bearer realm=\"picloud\"", none.answerHeaders.get("WWW-Authenticate"));
        assertTrue(none.answerText().contains("\"unauthorized\""));
        assertNull("the script did not run", lastEvent.get());

        assertEquals(401, get("/fn/private?key=bad").status);
        FakeExchange wrong = new FakeExchange("GET", "/fn/private", "");
        wrong.header("Authorization", "Bearer other");
        assertEquals(403, send(wrong).status);
        assertNull(lastEvent.get());

        FakeExchange viaQuery = get("/fn/private?key=good");
        assertEquals(200, viaQuery.status);
        assertEquals("secret data", viaQuery.answerText());
        FakeExchange viaHeader = new FakeExchange("GET", "/fn/private", "");
        viaHeader.header("Authorization", "Bearer good");
        assertEquals(200, send(viaHeader).status);

        FakeExchange inline = new FakeExchange("GET", "/fn/private", "");
        assertFalse("the default dispatcher runs nothing inline: the worker answers", endpoint.handleInline(inline));
        assertEquals(0, inline.answers);
    }

    @Test
    public void anAccessCheckWithoutTheDatabaseIs503NotAnError() throws Exception {
        FnEndpoint outage = new FnEndpoint(event -> value("never"), (script, key) -> {
            throw new io.picloud.api.StoreUnavailableException("database not reached yet", null);
        }, queue, config(64));
        FakeExchange exchange = new FakeExchange("GET", "/fn/any", "");
        outage.handle(exchange);
        assertEquals(1, exchange.answers);
        assertEquals(503, exchange.status);
    }

    @Test
    public void theAnswerNamesTheRunItCameFrom() throws Exception {
        answer = e -> Optional.of(new Dispatcher.Dispatch(new ScriptVersion("x", 1, "h", "", Instant.EPOCH),
                new ExecutionOutcome("ok", null, false, List.of(), 1, 1), "kq8d2x1c-0123456789"));
        FakeExchange r = get("/fn/echo");
        assertEquals(200, r.status);
        assertEquals("kq8d2x1c-0123456789", r.answerHeaders.get("X-PiCloud-Invocation"));
    }
}
