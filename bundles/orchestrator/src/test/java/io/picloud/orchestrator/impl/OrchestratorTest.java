package io.picloud.orchestrator.impl;

import io.picloud.api.DeployResult;
import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.InvocationLog;
import io.picloud.api.InvocationRecord;
import io.picloud.api.ScriptExecutor;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptSummary;
import io.picloud.api.ScriptVersion;
import org.junit.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

public class OrchestratorTest {

    /** An in-memory store: the active version per name, counting reads. */
    static class MemoryStore implements ScriptStore {
        final Map<String, ScriptVersion> active = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        void put(String name, int version, String source) {
            active.put(name, new ScriptVersion(name, version, "h" + version, source, Instant.EPOCH));
        }

        @Override public DeployResult deploy(String name, String source) { throw new UnsupportedOperationException(); }
        @Override public Optional<ScriptVersion> active(String name) { reads.incrementAndGet(); return Optional.ofNullable(active.get(name)); }
        @Override public List<ScriptSummary> list() { return List.of(); }
        @Override public List<ScriptVersion> versions(String name) { return List.of(); }
        @Override public Optional<ScriptVersion> rollback(String name, int version) { return Optional.empty(); }
        @Override public boolean delete(String name) { return active.remove(name) != null; }
        @Override public DeployResult deploy(String name, String source, long deployerId, String createdBy,
                                             boolean mayReplaceOthers) { return deploy(name, source); }
        @Override public Optional<io.picloud.api.ScriptOwner> owner(String name) { return Optional.empty(); }
        @Override public boolean updateSettings(String name, Long ownerId, io.picloud.api.ScriptAccess access) {
            return false;
        }
    }

    /** Records what it was asked to run and answers with a prepared outcome. */
    static final class RecordingExecutor implements ScriptExecutor {
        final List<Object[]> calls = new ArrayList<>();
        ExecutionOutcome next = new ExecutionOutcome("hi", null, false, List.of("line"), 7, 12);

        @Override public List<ScriptProblem> check(String name, String source) { return List.of(); }

        @Override
        public ExecutionOutcome execute(ScriptVersion version, String entryFunction, String inputName, Map<String, Object> input) {
            calls.add(new Object[]{version, entryFunction, inputName, input});
            return next;
        }

        /** Runs inline only what {@link #inline} allows. */
        boolean inline = true;
        /** Versions asked about with {@code mayRunInline}. */
        final List<ScriptVersion> asked = new ArrayList<>();

        @Override
        public boolean mayRunInline(ScriptVersion version) {
            asked.add(version);
            return inline;
        }

        @Override
        public ExecutionOutcome executeInline(ScriptVersion version, String entryFunction, String inputName,
                                              Map<String, Object> input) {
            return inline ? execute(version, entryFunction, inputName, input) : null;
        }
    }

    static class ListLog implements InvocationLog {
        final List<InvocationRecord> records = new ArrayList<>();
        @Override public void record(InvocationRecord record) { records.add(record); }
        @Override public List<InvocationRecord> query(String script, int limit, int offset) { return records; }
        @Override public List<InvocationRecord> query(io.picloud.api.InvocationQuery query) { return records; }
        @Override public Optional<InvocationRecord> find(io.picloud.api.InvocationId id) { return Optional.empty(); }
        @Override public List<InvocationRecord> batch(long batch) { return List.of(); }
    }

    private final MemoryStore store = new MemoryStore();
    private final RecordingExecutor executor = new RecordingExecutor();
    private final ListLog log = new ListLog();

    private static Event http(String script, Map<String, Object> payload) {
        return new Event("http", "/fn/" + script, script, payload, Instant.now());
    }

    @Test
    public void runsTheActiveVersionWithRequestAndHandleEntry() {
        store.put("hello", 3, "\"hi\"");
        Map<String, Object> payload = Map.of("method", "GET");
        Optional<Dispatcher.Dispatch> d = new Orchestrator(store, executor, log, null).dispatch(http("hello", payload));
        assertTrue(d.isPresent());
        assertEquals(3, d.get().version().version());
        assertEquals("hi", d.get().outcome().value());
        Object[] call = executor.calls.get(0);
        assertEquals("handle", call[1]);
        assertEquals("request", call[2]);
        assertSame(payload, call[3]);
    }

    @Test
    public void testRunsSeeTheRequestAsFnRunsDo() {
        store.put("hello", 1, "1");
        new Orchestrator(store, executor, log, null)
                .dispatch(new Event("test", "/fn/hello", "hello", Map.of("method", "POST"), Instant.now()));
        assertEquals("request", executor.calls.get(0)[2]);
        assertEquals("test", log.records.get(0).trigger());
    }

    @Test
    public void nonRequestTriggersSeeEvent() {
        store.put("tick", 1, "1");
        new Orchestrator(store, executor, log, null)
                .dispatch(new Event("cron", "every-minute", "tick", Map.of("type", "cron"), Instant.now()));
        assertEquals("event", executor.calls.get(0)[2]);
    }

    @Test
    public void unknownOrInvalidScriptIsEmptyAndNotRecorded() {
        Orchestrator o = new Orchestrator(store, executor, log, null);
        assertFalse(o.dispatch(http("missing", Map.of())).isPresent());
        assertFalse(o.dispatch(http("Bad/Name", Map.of())).isPresent());
        assertEquals(1, store.reads.get()); // the invalid name never reached the store
        assertTrue(executor.calls.isEmpty());
        assertTrue(log.records.isEmpty());
    }

    @Test
    public void recordsEveryInvocationWithItsStatus() {
        store.put("hello", 2, "x");
        Orchestrator o = new Orchestrator(store, executor, log, null);
        o.dispatch(http("hello", Map.of()));
        executor.next = new ExecutionOutcome(null, new ScriptProblem("ErrorArithmetic", "Division by zero", 3, 9),
                false, List.of(), 4, 5);
        o.dispatch(http("hello", Map.of()));
        executor.next = new ExecutionOutcome(null, new ScriptProblem("ErrorTooManyOperations", "ops", 1, 1),
                true, List.of(), 100, 5);
        o.dispatch(http("hello", Map.of()));

        assertEquals(3, log.records.size());
        InvocationRecord ok = log.records.get(0);
        assertEquals("hello", ok.script());
        assertEquals(2, ok.version());
        assertEquals("http", ok.trigger());
        assertEquals("ok", ok.status());
        assertNull(ok.errorKind());
        assertEquals(List.of("line"), ok.output());
        assertEquals(7, ok.operations());
        assertEquals("error", log.records.get(1).status());
        assertEquals("ErrorArithmetic", log.records.get(1).errorKind());
        assertEquals("Division by zero", log.records.get(1).errorMessage());
        assertEquals(3, log.records.get(1).line());
        assertEquals(9, log.records.get(1).column());
        assertEquals(0, ok.line());
        assertEquals("limit", log.records.get(2).status());
    }

    @Test
    public void aFailingLogDoesNotFailTheDispatch() {
        store.put("hello", 1, "x");
        InvocationLog broken = new ListLog() {
            @Override public void record(InvocationRecord record) { throw new IllegalStateException("queue full"); }
        };
        assertTrue(new Orchestrator(store, executor, broken, null).dispatch(http("hello", Map.of())).isPresent());
    }

    @Test
    public void withoutChangeNotificationsEveryEventReadsTheStore() {
        store.put("hello", 1, "x");
        Orchestrator o = new Orchestrator(store, executor, log, null);
        o.dispatch(http("hello", Map.of()));
        store.put("hello", 2, "y");
        assertEquals(2, o.dispatch(http("hello", Map.of())).get().version().version());
        assertEquals(2, store.reads.get());
    }

    @Test
    public void withChangeNotificationsTheActiveVersionIsCachedUntilChanged() {
        store.put("hello", 1, "x");
        ActiveVersionsComponent listener = new ActiveVersionsComponent();
        Orchestrator o = new Orchestrator(store, executor, log, listener.cache());
        assertTrue(o.caching());
        o.dispatch(http("hello", Map.of()));
        o.dispatch(http("hello", Map.of()));
        assertEquals(1, store.reads.get());

        store.put("hello", 2, "y");
        listener.scriptChanged("hello");
        assertEquals(2, o.dispatch(http("hello", Map.of())).get().version().version());

        store.active.remove("hello");
        listener.scriptChanged("hello");
        assertFalse(o.dispatch(http("hello", Map.of())).isPresent());

        store.put("hello", 3, "z"); // a brand-new script after "not found" was cached
        listener.scriptChanged("hello");
        assertEquals(3, o.dispatch(http("hello", Map.of())).get().version().version());
    }

    @Test
    public void aLoadThatRacedWithAChangeIsNotCached() {
        ActiveVersionCache cache = new ActiveVersionCache(100);
        ScriptVersion old = new ScriptVersion("a", 1, "h1", "1", Instant.EPOCH);
        // the change lands while the (old) value is being loaded
        cache.get("a", n -> {
            cache.invalidate("a");
            return Optional.of(old);
        });
        assertEquals(0, cache.size());
        ScriptVersion fresh = new ScriptVersion("a", 2, "h2", "2", Instant.EPOCH);
        assertSame(fresh, cache.get("a", n -> Optional.of(fresh)).get());
        assertSame(fresh, cache.get("a", n -> Optional.of(old)).get());
    }

    @Test
    public void inlineDispatchNeedsACachedVersionAndAnInlineRunAndRecordsIt() {
        store.put("hello", 3, "\"hi\"");
        Orchestrator o = new Orchestrator(store, executor, log, new ActiveVersionCache(10));
        assertNull("not cached: reading the store may block", o.dispatchInline(http("hello", Map.of())));
        assertEquals(0, store.reads.get());
        assertTrue(o.dispatch(http("hello", Map.of())).isPresent());
        assertEquals(1, log.records.size());

        Dispatcher.Dispatch inline = o.dispatchInline(http("hello", Map.of("method", "GET")));
        assertEquals(3, inline.version().version());
        assertEquals("hi", inline.outcome().value());
        assertEquals("request", executor.calls.get(1)[2]);
        assertEquals(2, log.records.size());
        assertEquals(1, store.reads.get());

        executor.inline = false;
        assertNull(o.dispatchInline(http("hello", Map.of())));
        assertEquals("nothing recorded for a run that did not happen", 2, log.records.size());
        assertNull("never inline without a cache",
                new Orchestrator(store, executor, log, null).dispatchInline(http("hello", Map.of())));
    }

    @Test
    public void mayDispatchInlineAnswersFromTheCacheAndTheExecutorWithoutRunningOrReading() {
        store.put("hello", 3, "\"hi\"");
        Orchestrator o = new Orchestrator(store, executor, log, new ActiveVersionCache(10));
        assertFalse("not cached: dispatchInline would decline", o.mayDispatchInline("hello"));
        assertFalse(o.mayDispatchInline("nope"));
        assertEquals("asking reads nothing", 0, store.reads.get());
        assertTrue(executor.asked.isEmpty());

        assertTrue(o.dispatch(http("hello", Map.of())).isPresent());
        assertTrue(o.mayDispatchInline("hello"));
        assertEquals("the active version is the one asked about", 3, executor.asked.get(0).version());
        executor.inline = false; // e.g. the script calls sleep
        assertFalse(o.mayDispatchInline("hello"));
        assertEquals(1, executor.calls.size());
        assertEquals(1, log.records.size());

        assertTrue(o.dispatch(http("nope", Map.of())).isEmpty());
        executor.inline = true;
        assertFalse("known not to exist: the blocking path answers", o.mayDispatchInline("nope"));
        assertFalse("never without a cache", new Orchestrator(store, executor, log, null).mayDispatchInline("hello"));
        assertEquals("the two dispatches read; the questions did not", 2, store.reads.get());
    }

    @Test
    public void anUnknownScriptIsLeftToTheBlockingPath() {
        Orchestrator o = new Orchestrator(store, executor, log, new ActiveVersionCache(10));
        assertTrue(o.dispatch(http("nope", Map.of())).isEmpty());
        assertNull(o.dispatchInline(http("nope", Map.of())));
        assertTrue(log.records.isEmpty());
    }
}
