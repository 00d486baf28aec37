package io.picloud.orchestrator.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.picloud.api.Event;
import io.picloud.api.control.KnownScripts;
import org.junit.Test;

public class ActiveVersionCacheTest {
    private final OrchestratorTest.MemoryStore store = new OrchestratorTest.MemoryStore();
    private final OrchestratorTest.RecordingExecutor executor = new OrchestratorTest.RecordingExecutor();
    private final OrchestratorTest.ListLog log = new OrchestratorTest.ListLog();

    private static Event http(String script) {
        return new Event("http", "/fn/" + script, script, Map.of(), java.time.Instant.now());
    }

    @Test
    public void aFloodOfRandomNamesCostsNoStoreReadAndKeepsTheRealScriptsCached() {
        store.put("hello", 1, "\"hi\"");
        Set<String> names = ConcurrentHashMap.newKeySet();
        names.add("hello");
        KnownScripts known = names::contains;
        ActiveVersionsComponent versions = new ActiveVersionsComponent();
        Orchestrator o = new Orchestrator(store, executor, log, versions.cache(), known);
        assertTrue(o.dispatch(http("hello")).isPresent());
        for (int i = 0; i < 50_000; i++) {
            assertTrue(o.dispatch(http("random-" + i)).isEmpty());
        }
        assertTrue(o.dispatch(http("hello")).isPresent());
        assertEquals(1, store.reads.get());
        assertEquals(1, versions.cache().size());
        assertEquals(1, versions.cache().loads());

        store.put("fresh", 1, "1");          // a deploy: the index learns the name, the cache drops it
        names.add("fresh");
        versions.scriptChanged("fresh");
        assertTrue(o.dispatch(http("fresh")).isPresent());
        assertEquals(2, store.reads.get());
    }

    @Test
    public void beyondItsBoundTheLeastRecentlyUsedAreDroppedNotEverything() {
        ActiveVersionCache cache = new ActiveVersionCache(80);
        store.put("hot", 1, "1");
        for (int i = 0; i < 1000; i++) {
            store.put("s" + i, 1, "1");
        }
        cache.get("hot", store::active);
        for (int i = 0; i < 1000; i++) {
            cache.get("s" + i, store::active);
            cache.get("hot", store::active);
            assertTrue(cache.size() <= 80);
        }
        assertEquals("hot was read once, each other name once", 1001, store.reads.get());
        assertTrue(cache.size() > 60);
    }

    @Test
    public void withoutANameIndexUnknownNamesAreCachedAsMissing() {
        Orchestrator o = new Orchestrator(store, executor, log, new ActiveVersionCache(100), null);
        assertTrue(o.dispatch(http("nope")).isEmpty());
        assertTrue(o.dispatch(http("nope")).isEmpty());
        assertEquals(1, store.reads.get());
    }
}
