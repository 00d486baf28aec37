package io.picloud.trigger.runtime.impl;

import io.picloud.api.Event;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptVersion;
import io.picloud.api.StoredBinding;
import io.picloud.api.TriggerStatus;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
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
import java.util.Optional;

import static io.picloud.trigger.runtime.impl.Fakes.binding;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

public class TriggerRuntimeTest {
    private final Fakes.Store store = new Fakes.Store();
    private final Fakes.RecordingDispatcher dispatcher = new Fakes.RecordingDispatcher();
    private final List<String> claimed = new ArrayList<>();
    private final Fakes.Queue queue = new Fakes.Queue();
    private final TriggerRuntime runtime = new TriggerRuntime(store, dispatcher, queue, Fakes.claims(key -> {
        synchronized (claimed) {
            if (claimed.contains(key)) {
                return false;
            }
            claimed.add(key);
            return true;
        }
    }), Runnable::run, Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
    private final Fakes.Type cron = new Fakes.Type("cron");

    @Before
    public void bindings() {
        store.put(binding("b1", "cron", true, "schedule", "@daily"));
        store.put(binding("b2", "mqtt", true, "topic", "a"));
        store.put(binding("b3", "cron", false, "schedule", "@hourly"));
    }

    private String state(String id) {
        return runtime.status(id).map(TriggerStatus::state).orElse(null);
    }

    private String reason(String id) {
        return runtime.status(id).map(TriggerStatus::reason).orElse(null);
    }

    @Test
    public void bindingsOpenWhenTheirTypeIsPresentAndWaitOtherwise() {
        runtime.addType("cron", cron);
        runtime.start();
        assertEquals(TriggerStatus.ACTIVE, state("b1"));
        assertEquals(TriggerStatus.TYPE_MISSING, state("b2"));
        assertEquals("trigger type 'mqtt' is not installed", reason("b2"));
        assertEquals(TriggerStatus.DISABLED, state("b3"));
        assertEquals(1, cron.opened.size());
        assertEquals("b1", cron.opened.get(0).id());
        assertEquals("script-b1", cron.opened.get(0).script());
        assertEquals(Map.of("schedule", "@daily"), cron.opened.get(0).config());
        assertEquals(List.of("cron"), runtime.installedTypes());
        assertEquals(3, runtime.statuses().size());
    }

    @Test
    public void aTypeArrivingLaterOpensItsWaitingBindingsAndLeavingClosesThemButKeepsThem() {
        runtime.start();
        assertEquals(TriggerStatus.TYPE_MISSING, state("b1"));
        runtime.addType("cron", cron);
        assertEquals(TriggerStatus.ACTIVE, state("b1"));
        assertEquals(TriggerStatus.DISABLED, state("b3"));
        runtime.removeType("cron", cron);
        assertEquals(List.of("b1"), cron.closed);
        assertEquals(TriggerStatus.TYPE_MISSING, state("b1"));
        assertTrue("kept in the store", store.bindings.containsKey("b1"));
        // an update of the plugin: the new service opens the binding again
        Fakes.Type updated = new Fakes.Type("cron");
        runtime.addType("cron", updated);
        assertEquals(TriggerStatus.ACTIVE, state("b1"));
        assertEquals(1, updated.opened.size());
    }

    @Test
    public void aSecondServiceOfTheSameTypeTakesOverAndTheFirstRemainsAsFallback() {
        runtime.addType("cron", cron);
        runtime.start();
        Fakes.Type newer = new Fakes.Type("cron");
        runtime.addType("cron", newer);
        assertEquals(List.of("b1"), cron.closed);
        assertEquals(1, newer.opened.size());
        runtime.removeType("cron", newer);
        assertEquals(List.of("b1"), newer.closed);
        assertEquals(2, cron.opened.size());
        assertEquals(TriggerStatus.ACTIVE, state("b1"));
    }

    @Test
    public void openFailuresPutTheBindingInErrorWithTheReason() {
        cron.refuse = new TriggerConfigException("schedule", "never fires");
        runtime.addType("cron", cron);
        runtime.start();
        assertEquals(TriggerStatus.ERROR, state("b1"));
        assertEquals("config.schedule: never fires", reason("b1"));
    }

    @Test
    public void pluginsReportFailureAndRecoveryAndStaleCallbacksAreIgnored() {
        runtime.addType("cron", cron);
        runtime.start();
        TriggerCallback first = cron.callbacks.get("b1");
        first.failed("broker unreachable", new RuntimeException("refused"));
        assertEquals(TriggerStatus.ERROR, state("b1"));
        assertEquals("broker unreachable", reason("b1"));
        first.recovered();
        assertEquals(TriggerStatus.ACTIVE, state("b1"));
        assertNull(reason("b1"));
        // the binding changes: reopened; the old callback no longer counts
        store.put(binding("b1", "cron", true, "schedule", "@hourly"));
        runtime.bindingChanged("b1");
        assertEquals(List.of("b1"), cron.closed);
        first.failed("late news", null);
        assertEquals(TriggerStatus.ACTIVE, state("b1"));
        assertFalse(first.claim("b1@x"));
        assertEquals(TriggerResult.UNAVAILABLE, first.fireNow(TriggerEvent.of("s", null)).errorKind());
        assertEquals(Map.of("schedule", "@hourly"), cron.opened.get(1).config());
    }

    @Test
    public void changesEnableDisableDeleteAndLastFiredOnlyUpdates() {
        runtime.addType("cron", cron);
        runtime.start();
        store.put(binding("b3", "cron", true, "schedule", "@hourly"));
        runtime.bindingChanged("b3");
        assertEquals(TriggerStatus.ACTIVE, state("b3"));
        store.put(binding("b1", "cron", false, "schedule", "@daily"));
        runtime.bindingChanged("b1");
        assertEquals(TriggerStatus.DISABLED, state("b1"));
        assertEquals(List.of("b1"), cron.closed);
        // only lastFired differs: no reopen
        StoredBinding b3 = store.bindings.get("b3");
        store.put(new StoredBinding("b3", "cron", b3.script(), b3.config(), true, Instant.now()));
        runtime.bindingChanged("b3");
        assertEquals(2, cron.opened.size());
        // deleted: closed and forgotten
        store.bindings.remove("b3");
        runtime.bindingChanged("b3");
        assertEquals(List.of("b1", "b3"), cron.closed);
        assertTrue(runtime.status("b3").isEmpty());
        // new binding
        store.put(binding("b4", "cron", true, "schedule", "@weekly"));
        runtime.bindingChanged("b4");
        assertEquals(TriggerStatus.ACTIVE, state("b4"));
    }

    @Test
    public void reloadAppliesDifferencesAndStopClosesEverything() {
        runtime.addType("cron", cron);
        runtime.start();
        store.bindings.remove("b1");
        store.put(binding("b5", "cron", true, "schedule", "@daily"));
        runtime.reload();
        assertTrue(runtime.status("b1").isEmpty());
        assertEquals(TriggerStatus.ACTIVE, state("b5"));
        runtime.stop();
        assertEquals(List.of("b1", "b5"), cron.closed);
    }

    @Test
    public void fireNowOfARequestBindingTakesARateLimitTokenAsFireDoes() throws Exception {
        store.put(binding("b9", "webhook", true, "path", "hook"));
        Fakes.Type webhook = new Fakes.Type("webhook");
        runtime.addType("webhook", webhook);
        runtime.requestLimits().setLimiter(new io.picloud.api.control.RateLimiter() {
            @Override
            public Admission admitScript(String script) {
                return new Admission(7);
            }

            @Override
            public boolean limits(String script) {
                return true;
            }

            @Override
            public Admission admitKey(long keyId) {
                return Admission.ADMITTED;
            }
        });
        runtime.start();
        TriggerCallback callback = webhook.callbacks.get("b9");
        TriggerEvent event = new TriggerEvent("/hooks/hook", Map.of(), Map.of(), Instant.now());
        assertEquals(TriggerResult.RATE_LIMITED, callback.fireNow(event).errorKind());
        assertEquals(TriggerResult.RATE_LIMITED, callback.fire(event).toCompletableFuture().get().errorKind());
        assertTrue(dispatcher.events.isEmpty());
    }

    @Test
    public void firedEventsBecomeDispatchedEventsWithTheEventMap() throws Exception {
        runtime.addType("cron", cron);
        runtime.start();
        TriggerCallback callback = cron.callbacks.get("b1");
        Instant due = Instant.parse("2026-06-01T00:00:00Z");
        TriggerEvent event = new TriggerEvent("@daily", Map.of("n", 1), Map.of("due", due.toString(), "type", "x"),
                due);
        TriggerResult result = callback.fire(event).toCompletableFuture().get();
        assertEquals(TriggerResult.ok("ran script-b1"), result);
        Event dispatched = dispatcher.events.get(0);
        assertEquals("cron", dispatched.type());
        assertEquals("script-b1", dispatched.script());
        assertEquals("@daily", dispatched.source());
        assertEquals(due, dispatched.time());
        Map<String, Object> map = dispatched.payload();
        assertEquals("cron", map.get("type"));          // attributes never replace the fixed keys
        assertEquals(Map.of("n", 1L), map.get("payload")); // Integer widened to the engine's Long
        assertEquals("2026-06-01T00:00:00Z", map.get("time"));
        assertEquals("b1", map.get("binding"));
        assertEquals("2026-06-01T00:00:00Z", map.get("due"));
        assertEquals(List.of("b1@2026-06-01T00:00:00Z"), store.fired);
    }

    @Test
    public void scriptErrorsMissingScriptsAndOutagesBecomeErrorResults() {
        runtime.addType("cron", cron);
        runtime.start();
        TriggerCallback callback = cron.callbacks.get("b1");
        dispatcher.answer = e -> Optional.of(new io.picloud.api.Dispatcher.Dispatch(
                new ScriptVersion(e.script(), 2, "h", "", Instant.EPOCH),
                new ExecutionOutcome(null, new ScriptProblem("ErrorArithmetic", "Division by zero", 3, 9), false,
                        List.of(), 5, 1)));
        assertEquals(TriggerResult.error("ErrorArithmetic", "Division by zero", 3, 9),
                callback.fireNow(TriggerEvent.of("s", null)));
        dispatcher.answer = e -> Optional.empty();
        assertEquals(TriggerResult.SCRIPT_NOT_FOUND, callback.fireNow(TriggerEvent.of("s", null)).errorKind());
        dispatcher.answer = e -> {
            throw new IllegalStateException("the executor is not active");
        };
        TriggerResult outage = callback.fireNow(TriggerEvent.of("s", null));
        assertEquals(TriggerResult.UNAVAILABLE, outage.errorKind());
        assertFalse(outage.message().contains("executor"));
    }

    @Test
    public void fireInlineRunsOnlyWhatTheDispatcherRunsInlineAndNeverWithAClaimPending() {
        runtime.addType("cron", cron);
        runtime.start();
        TriggerCallback callback = cron.callbacks.get("b1");
        assertNull("the dispatcher declines: nothing ran", callback.fireInline(TriggerEvent.of("s", Map.of("n", 1))));
        assertTrue(dispatcher.events.isEmpty());

        dispatcher.inline = true;
        assertEquals(TriggerResult.ok("ran script-b1"), callback.fireInline(TriggerEvent.of("s", Map.of("n", 1))));
        assertEquals(1, dispatcher.events.size());
        assertEquals("cron", dispatcher.events.get(0).type());
        assertEquals(1, store.fired.size()); // written by a worker (here: at once)

        assertTrue(callback.claim("b1@2026-06-01T13:00:00Z"));
        assertNull("a pending claim is settled by fire", callback.fireInline(TriggerEvent.of("s", null)));
        callback.fireNow(TriggerEvent.of("s", null));
        runtime.removeType("cron", cron);
        assertNull("closed binding", callback.fireInline(TriggerEvent.of("s", null)));
        assertEquals(2, dispatcher.events.size());
    }

    @Test
    public void mayFireInlineAsksTheDispatcherAboutTheBindingsScriptAndDeclinesAsFireInlineDoes() {
        runtime.addType("cron", cron);
        runtime.start();
        TriggerCallback callback = cron.callbacks.get("b1");
        assertFalse("the dispatcher would decline", callback.mayFireInline());
        assertEquals(List.of("script-b1"), dispatcher.asked);

        dispatcher.inline = true;
        assertTrue(callback.mayFireInline());
        assertTrue("asking runs nothing", dispatcher.events.isEmpty());

        assertTrue(callback.claim("b1@2026-06-01T13:00:00Z"));
        assertFalse("a pending claim is settled by fire", callback.mayFireInline());
        callback.fireNow(TriggerEvent.of("s", null));
        assertTrue(callback.mayFireInline());
        runtime.removeType("cron", cron);
        assertFalse("closed binding", callback.mayFireInline());
    }

    @Test
    public void claimsGoThroughTheClaimStoreOncePerKey() {
        runtime.addType("cron", cron);
        runtime.start();
        TriggerCallback callback = cron.callbacks.get("b1");
        assertTrue(callback.claim("b1@2026-06-01T12:00:00Z"));
        assertFalse(callback.claim("b1@2026-06-01T12:00:00Z"));
    }

    @Test
    public void fireTimesAreWrittenAtMostOnceASecondAndReopensSeeTheLatest() {
        runtime.addType("cron", cron);
        runtime.start();
        TriggerCallback callback = cron.callbacks.get("b1");
        Instant t = Instant.parse("2026-06-01T12:00:00Z");
        callback.fireNow(new TriggerEvent("s", null, Map.of(), t));
        callback.fireNow(new TriggerEvent("s", null, Map.of(), t.plusMillis(300)));
        callback.fireNow(new TriggerEvent("s", null, Map.of(), t.plusMillis(1000)));
        assertEquals(List.of("b1@2026-06-01T12:00:00Z", "b1@2026-06-01T12:00:01Z"), store.fired);
        // the plugin is updated: the new instance learns when the binding last fired here
        runtime.removeType("cron", cron);
        Fakes.Type updated = new Fakes.Type("cron");
        runtime.addType("cron", updated);
        assertEquals(t.plusMillis(1000), updated.opened.get(0).lastFired());
    }

    @Test
    public void aStartAfterStopOpensNothing() {
        runtime.addType("cron", cron);
        runtime.stop();
        runtime.start();
        assertTrue(cron.opened.isEmpty());
        assertTrue(runtime.statuses().isEmpty());
    }

    @Test(expected = io.picloud.api.StoreUnavailableException.class)
    public void startFailsWhileTheStoreIsDown() {
        store.down = true;
        runtime.start();
    }
}
