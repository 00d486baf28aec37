package io.picloud.trigger.event.impl;

import io.picloud.api.HostPackage;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerResult;
import org.junit.After;
import org.junit.Test;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class EventTriggerTypeTest {
    private final EventTriggerType type = new EventTriggerType(config(8));
    private final Map<String, HostPackage.Function> functions = new HashMap<>();

    {
        type.register((name, arity, function) -> functions.put(name + "/" + arity, function));
    }

    @After
    public void stop() {
        type.deactivate();
    }

    static EventTriggerType.Config config(int maxDepth) {
        return new EventTriggerType.Config() {
            public int maxDepth() {
                return maxDepth;
            }

            public Class<? extends Annotation> annotationType() {
                return EventTriggerType.Config.class;
            }
        };
    }

    record Call(String script, int version) implements HostPackage.Call {
    }

    /**
     * Stands in for the runtime: fireNow runs a "script" on the calling thread, which may call emit (the real runtime
     * queues the run instead and answers at once); {@code unavailable} answers as the runtime does while the
     * database is away.
     */
    final class FakeRuntime implements TriggerCallback {
        final String script;
        final Function<TriggerEvent, Object> body;
        final BlockingQueue<TriggerEvent> events = new LinkedBlockingQueue<>();
        final BlockingQueue<TriggerResult> results = new LinkedBlockingQueue<>();
        volatile boolean unavailable;

        FakeRuntime(String script, Function<TriggerEvent, Object> body) {
            this.script = script;
            this.body = body;
        }

        @Override
        public CompletionStage<TriggerResult> fire(TriggerEvent event) {
            throw new UnsupportedOperationException("the event plugin runs bindings with fireNow");
        }

        @Override
        public TriggerResult fireNow(TriggerEvent event) {
            if (unavailable) {
                return TriggerResult.error(TriggerResult.UNAVAILABLE, "the run could not be queued now", 0, 0);
            }
            events.add(event);
            TriggerResult result;
            try {
                result = TriggerResult.ok(body.apply(event));
            } catch (RuntimeException e) {
                result = TriggerResult.error("ErrorRuntime", e.getMessage(), 1, 1);
            }
            results.add(result);
            return result;
        }

        Object emit(String topic, Object payload) {
            try {
                return functions.get("emit/2").call(new Call(script, 1), java.util.Arrays.asList(topic, payload));
            } catch (Exception e) {
                throw new RuntimeException(e.getMessage(), e);
            }
        }

        @Override
        public boolean claim(String key) {
            return true;
        }

        @Override
        public void failed(String reason, Throwable cause) {
        }

        @Override
        public void recovered() {
        }
    }

    private TriggerHandle open(String id, String topic, FakeRuntime runtime) throws Exception {
        return type.open(new TriggerBinding(id, "event", runtime.script, Map.of("topic", topic), true, null),
                runtime);
    }

    private Object emitFromHttpScript(String topic, Object payload) throws Exception {
        return functions.get("emit/2").call(new Call("api", 3), java.util.Arrays.asList(topic, payload));
    }

    @Test(timeout = 30_000)
    public void emitFansOutToEveryBindingOnTheTopicOnly() throws Exception {
        FakeRuntime mailer = new FakeRuntime("mailer", e -> null);
        FakeRuntime audit = new FakeRuntime("audit", e -> null);
        FakeRuntime other = new FakeRuntime("other", e -> null);
        open("b1", "orders/created", mailer);
        open("b2", "orders/created", audit);
        open("b3", "orders/deleted", other);
        assertEquals(2L, emitFromHttpScript("orders/created", Map.of("id", 42L)));
        TriggerEvent event = mailer.events.poll(10, TimeUnit.SECONDS);
        assertNotNull(event);
        assertEquals(Map.of("id", 42L), event.payload());
        assertEquals("orders/created", event.source());
        assertEquals(1L, event.attributes().get("depth"));
        assertEquals("api", event.attributes().get("emitter"));
        assertNotNull(audit.events.poll(10, TimeUnit.SECONDS));
        assertEquals(0L, emitFromHttpScript("nobody/listens", null));
        assertEquals(1L, functions.get("emit/1").call(new Call("api", 3), List.of("orders/deleted")));
        assertNull(other.events.poll(10, TimeUnit.SECONDS).payload());
        assertTrue(mailer.events.isEmpty());
    }

    @Test(timeout = 30_000)
    public void chainsCarryTheirDepthAndStopAtTheLimit() throws Exception {
        // ping emits ping: a loop; the guard must end it at depth 8
        FakeRuntime[] self = new FakeRuntime[1];
        self[0] = new FakeRuntime("looper", e -> self[0].emit("ping", e.attributes().get("depth")));
        open("b1", "ping", self[0]);
        emitFromHttpScript("ping", 0L);
        for (long depth = 1; depth <= 8; depth++) {
            TriggerEvent event = self[0].events.poll(10, TimeUnit.SECONDS);
            assertNotNull("run at depth " + depth, event);
            assertEquals(depth, event.attributes().get("depth"));
        }
        // runs finish in any order (run n+1 may end before run n records its result): count, do not pair
        int succeeded = 0;
        for (int i = 0; i < 8; i++) {
            TriggerResult result = self[0].results.poll(10, TimeUnit.SECONDS);
            assertNotNull("result " + i, result);
            if (result.succeeded()) {
                succeeded++;
            } else {
                assertEquals("ErrorRuntime", result.errorKind());
                assertTrue(result.message(), result.message().contains("deeper than 8"));
            }
        }
        assertEquals("the runs at depth 1 to 7 emit, the eighth is refused", 7, succeeded);
        assertNull("no ninth run: the eighth emit threw", self[0].events.poll());
    }

    @Test(timeout = 30_000)
    public void anEmitWhoseRunCannotBeQueuedFailsInTheEmittingScript() throws Exception {
        FakeRuntime first = new FakeRuntime("first", e -> null);
        FakeRuntime second = new FakeRuntime("second", e -> null);
        open("b1", "t", first);
        open("b2", "t", second);
        second.unavailable = true;
        try {
            emitFromHttpScript("t", 1L);
            fail("emitted without queueing");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("could not be queued for 1 of 2 bindings on topic 't'"));
        }
        assertEquals("queued before the failure: the emitter's retry emits again (at least once)", 1,
                first.events.size());
    }

    @Test(timeout = 30_000)
    public void aQueuedRunEmitsOneLevelDeeperThanItsCallDepth() throws Exception {
        FakeRuntime target = new FakeRuntime("t", e -> null);
        open("b1", "deep", target);
        // a run the queue's worker started for an event at depth 3: the orchestrator passes it as the call's depth
        HostPackage.Call queuedRun = new HostPackage.Call() {
            public String script() {
                return "middle";
            }

            public int version() {
                return 1;
            }

            public int depth() {
                return 3;
            }
        };
        assertEquals(1L, functions.get("emit/2").call(queuedRun, java.util.Arrays.asList("deep", null)));
        assertEquals(4L, target.events.poll().attributes().get("depth"));
        HostPackage.Call atTheLimit = new HostPackage.Call() {
            public String script() {
                return "middle";
            }

            public int version() {
                return 1;
            }

            public int depth() {
                return 8;
            }
        };
        try {
            functions.get("emit/2").call(atTheLimit, java.util.Arrays.asList("deep", null));
            fail("a chain beyond the limit");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("deeper than 8"));
        }
    }

    @Test(timeout = 30_000)
    public void closedBindingsNoLongerFire() throws Exception {
        FakeRuntime runtime = new FakeRuntime("s", e -> null);
        TriggerHandle handle = open("b1", "t", runtime);
        handle.close();
        handle.close();
        assertEquals(0, type.listeners("t"));
        assertEquals(0L, emitFromHttpScript("t", 1L));
    }

    @Test
    public void badTopicsAreRefused() throws Exception {
        try {
            emitFromHttpScript("", 1L);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("topic"));
        }
        try {
            emitFromHttpScript(null, 1L);
            fail();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("topic"));
        }
        assertInvalid("topic", Map.of());
        assertInvalid("topic", Map.of("topic", "has space"));
        assertInvalid("topik", Map.of("topik", "a"));
        type.validate(Map.of("topic", "orders/created"));
    }

    private void assertInvalid(String field, Map<String, Object> config) {
        try {
            type.validate(config);
            fail("accepted " + config);
        } catch (TriggerConfigException e) {
            assertEquals(field, e.field());
        }
    }
}
