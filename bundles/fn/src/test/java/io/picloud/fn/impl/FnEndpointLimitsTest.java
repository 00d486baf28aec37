package io.picloud.fn.impl;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ScriptVersion;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.control.EndpointAccess;
import io.picloud.api.control.RateLimiter;
import org.junit.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** The per-script rate limit on {@code /fn}: checked after the access check, before the script runs. */
public class FnEndpointLimitsTest {
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger tokens = new AtomicInteger(2);
    private volatile boolean storeDown;
    /** Script "limited" has {@link #tokens} calls left; other scripts have no limit. */
    private final RateLimiter limiter = new RateLimiter() {
        @Override
        public Admission admitScript(String script) {
            if (storeDown) {
                throw new StoreUnavailableException("down", null);
            }
            return !script.equals("limited") || tokens.getAndDecrement() > 0 ? Admission.ADMITTED : new Admission(7);
        }

        @Override
        public boolean limits(String script) {
            return script.equals("limited");
        }

        @Override
        public Admission admitKey(long keyId) {
            return Admission.ADMITTED;
        }
    };
    private final Dispatcher dispatcher = new Dispatcher() {
        @Override
        public Optional<Dispatch> dispatch(Event event) {
            runs.incrementAndGet();
            return Optional.of(new Dispatch(new ScriptVersion(event.script(), 1, "h", "", Instant.EPOCH),
                    new ExecutionOutcome("ok", null, false, List.of(), 1, 1)));
        }

        @Override
        public Dispatch dispatchInline(Event event) {
            return dispatch(event).get();
        }

        @Override
        public boolean mayDispatchInline(String script) {
            return true;
        }
    };
    private final EndpointAccess access = (script, key) -> script.equals("private") && key == null
            ? EndpointAccess.Decision.UNAUTHENTICATED : EndpointAccess.Decision.ALLOW;
    private final FnEndpoint endpoint = new FnEndpoint(dispatcher, access, limiter, new QueueFake(), name -> true, config());

    private static FnEndpoint.Config config() {
        return (FnEndpoint.Config) Proxy.newProxyInstance(FnEndpointLimitsTest.class.getClassLoader(),
                new Class<?>[]{FnEndpoint.Config.class}, (p, m, a) -> switch (m.getName()) {
                    case "maxBodyBytes" -> 1024L;
                    case "retryAfterSeconds" -> 3;
                    default -> m.getDefaultValue();
                });
    }

    private FakeExchange call(String target) throws Exception {
        FakeExchange exchange = new FakeExchange("POST", target, "x");
        endpoint.handle(exchange);
        return exchange;
    }

    @Test
    public void beyondTheLimitTheAnswerIs429WithRetryAfterAndTheScriptDoesNotRun() throws Exception {
        assertEquals(200, call("/fn/limited").status);
        assertEquals(200, call("/fn/limited").status);
        FakeExchange refused = call("/fn/limited");
        assertEquals(429, refused.status);
        assertEquals("7", refused.answerHeaders.get("Retry-After"));
        assertEquals("application/json", refused.contentType);
        assertTrue(refused.answerText(), refused.answerText().contains("\"code\":\"rate_limited\""));
        assertEquals(2, runs.get());
        assertEquals(200, call("/fn/other").status);
    }

    @Test
    public void theAccessCheckComesFirstSoADeniedCallTakesNoToken() throws Exception {
        assertEquals(401, call("/fn/private").status);
        assertEquals(2, tokens.get());
    }

    @Test
    public void aLimitedScriptIsLeftToTheBlockingPathSoThatOneCallTakesOneToken() throws Exception {
        FakeExchange inline = new FakeExchange("GET", "/fn/limited", "");
        assertFalse(endpoint.handleInline(inline));
        assertEquals(0, inline.answers);
        assertEquals(2, tokens.get());
        FakeExchange free = new FakeExchange("GET", "/fn/free", "");
        assertTrue(endpoint.handleInline(free));
        assertEquals(200, free.status);
    }

    @Test
    public void aLimitThatCannotBeReadIs503() throws Exception {
        storeDown = true;
        FakeExchange r = call("/fn/limited");
        assertEquals(503, r.status);
        assertEquals("3", r.answerHeaders.get("Retry-After"));
        assertEquals(0, runs.get());
    }
}
