package io.picloud.trigger.runtime.impl;

import io.picloud.api.ClaimStore;
import io.picloud.api.RunRequest;
import io.picloud.api.StoreUnavailableException;
import io.picloud.api.TriggerStatus;
import io.picloud.trigger.api.ClaimOutcome;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerResult;
import org.junit.Before;
import org.junit.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.picloud.trigger.runtime.impl.Fakes.binding;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * Bindings of types that do not respond to requests: their events are queued as runs, the stage completes once
 * queued, claims stand only for queued runs, and a database outage is told apart from a lost claim.
 */
public class QueuedFiringTest {
    private final Fakes.Store store = new Fakes.Store();
    private final Fakes.RecordingDispatcher dispatcher = new Fakes.RecordingDispatcher();
    private final Fakes.Queue queue = new Fakes.Queue();
    /** Claim keys → "kept" / "released" / "pending"; a kept key is taken for good, a released one free again. */
    private final Map<String, String> claims = new java.util.LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private volatile boolean claimsDown;
    private final TriggerRuntime runtime = new TriggerRuntime(store, dispatcher, queue, this::claim, Runnable::run,
            Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
    private final Fakes.Type mqtt = new Fakes.Type("mqtt", true);

    private synchronized ClaimStore.Claim claim(String key) {
        if (claimsDown) {
            throw new StoreUnavailableException("database unavailable", null);
        }
        String now = claims.get(key);
        if (now != null && !now.equals("released")) {
            return null;
        }
        claims.put(key, "pending");
        return new ClaimStore.Claim() {
            @Override
            public void keep() {
                settle(key, "kept");
            }

            @Override
            public void release() {
                settle(key, "released");
            }
        };
    }

    private synchronized void settle(String key, String how) {
        claims.put(key, how);
        log.add(how + " " + key);
    }

    @Before
    public void open() {
        store.put(binding("m1", "mqtt", true, "topic", "a/b"));
        runtime.addType("mqtt", mqtt);
        runtime.start();
    }

    private TriggerCallback callback() {
        return mqtt.callbacks.get("m1");
    }

    private static TriggerEvent message(Instant time) {
        return new TriggerEvent("a/b", Map.of("n", 1), Map.of("topic", "a/b", "qos", 1), time);
    }

    @Test
    public void aFiredEventIsQueuedWithTheEventMapAndTheStageSaysWhichRun() throws Exception {
        Instant t = Instant.parse("2026-06-01T11:59:59Z");
        TriggerResult result = callback().fire(message(t)).toCompletableFuture().get();
        assertEquals(TriggerResult.ok(Map.of("run", 1L)), result);
        assertTrue("nothing ran here", dispatcher.events.isEmpty());
        RunRequest request = queue.submitted().get(0);
        assertEquals("script-m1", request.script());
        assertEquals("mqtt", request.trigger());
        assertEquals("a/b", request.source());
        assertEquals("m1", request.bindingId());
        assertEquals(t, request.time());
        assertNull(request.idempotencyKey());
        assertNull(request.submittedBy());
        Map<String, Object> event = request.payload();
        assertEquals("mqtt", event.get("type"));
        assertEquals(Map.of("n", 1L), event.get("payload"));   // the engine's mapping, as scripts saw it before
        assertEquals(1L, event.get("qos"));
        assertEquals("m1", event.get("binding"));
        assertEquals(t.toString(), event.get("time"));
        assertEquals(List.of("m1@" + t), store.fired);
    }

    @Test
    public void fireNowQueuesOnTheCallingThreadAndFireInlineDeclines() {
        assertEquals(TriggerResult.ok(Map.of("run", 1L)), callback().fireNow(message(Instant.now())));
        assertEquals(1, queue.submitted().size());
        assertNull("queueing writes to the database: not on an I/O thread", callback().fireInline(message(Instant.now())));
        dispatcher.inline = true;
        assertFalse("nor may it, whatever the dispatcher says", callback().mayFireInline());
        assertNull(callback().fireInline(message(Instant.now())));
        assertEquals(1, queue.submitted().size());
        assertTrue(dispatcher.events.isEmpty());
    }

    @Test
    public void aQueueThatCannotBeWrittenIsUnavailableAndAMissingScriptIsNotFound() throws Exception {
        queue.down = true;
        TriggerResult away = callback().fire(message(Instant.now())).toCompletableFuture().get();
        assertEquals(TriggerResult.UNAVAILABLE, away.errorKind());
        assertTrue(away.message(), away.message().contains("could not be queued"));
        assertEquals(TriggerResult.UNAVAILABLE, callback().fireNow(message(Instant.now())).errorKind());
        queue.down = false;
        queue.missing.add("script-m1");
        assertEquals(TriggerResult.SCRIPT_NOT_FOUND, callback().fireNow(message(Instant.now())).errorKind());
        assertTrue(queue.submitted().isEmpty());
        assertTrue("no fire time recorded for runs not queued", store.fired.isEmpty());
    }

    @Test
    public void aClaimStandsOnlyOnceItsRunIsQueuedAndCanBeClaimedAgainAfterAnOutage() throws Exception {
        String key = "m1@2026-06-01T12:00:00Z";
        assertEquals(ClaimOutcome.WON, callback().tryClaim(key));
        queue.down = true;
        assertEquals(TriggerResult.UNAVAILABLE, callback().fire(message(Instant.now())).toCompletableFuture().get()
                .errorKind());
        assertEquals(List.of("released " + key), log);

        queue.down = false;
        assertEquals("released: nobody fired it, so it may be claimed again", ClaimOutcome.WON,
                callback().tryClaim(key));
        assertTrue(callback().fire(message(Instant.now())).toCompletableFuture().get().succeeded());
        assertEquals(List.of("released " + key, "kept " + key), log);
        assertEquals(ClaimOutcome.TAKEN, callback().tryClaim(key));
        assertEquals(1, queue.submitted().size());
    }

    @Test
    public void aClaimThatCannotBeRecordedIsUnavailableNotTaken() {
        claimsDown = true;
        assertEquals(ClaimOutcome.UNAVAILABLE, callback().tryClaim("m1@2026-06-01T12:00:00Z"));
        assertEquals(false, callback().claim("m1@2026-06-01T12:00:00Z"));
        claimsDown = false;
        assertEquals(ClaimOutcome.WON, callback().tryClaim("m1@2026-06-01T12:00:00Z"));
    }

    @Test
    public void aPluginReportingStartingInsideOpenStaysStartingUntilItRecovers() {
        Fakes.Type slow = new Fakes.Type("slow", true);
        slow.starting = "waiting for the broker to acknowledge the subscription";
        store.put(binding("s1", "slow", true));
        runtime.addType("slow", slow);
        runtime.bindingChanged("s1");
        TriggerStatus status = runtime.status("s1").orElseThrow();
        assertEquals(TriggerStatus.STARTING, status.state());
        assertEquals("waiting for the broker to acknowledge the subscription", status.reason());
        slow.callbacks.get("s1").recovered();
        assertEquals(TriggerStatus.ACTIVE, runtime.status("s1").orElseThrow().state());
        assertNull(runtime.status("s1").orElseThrow().reason());
        // a closed generation's late report changes nothing
        TriggerCallback old = slow.callbacks.get("s1");
        runtime.removeType("slow", slow);
        old.starting("late");
        assertEquals(TriggerStatus.TYPE_MISSING, runtime.status("s1").orElseThrow().state());
    }
}
