package io.picloud.host.kv.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.picloud.api.HostPackage;
import io.picloud.api.ScriptSettings;
import io.picloud.store.impl.JdbcKvStore;
import io.picloud.store.impl.StoreDatabase;
import io.picloud.store.impl.TestDatabase;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Two "nodes" (each its own store component and kv package, so its own increment combiner) on one real
 * PostgreSQL: what one sets the other reads at once, and increments from both, combined on each, are exact.
 */
public class TwoNodesTest {
    private static TestDatabase pg;
    private static StoreDatabase dbA;
    private static StoreDatabase dbB;
    private static KvHostPackage nodeA;
    private static KvHostPackage nodeB;

    @BeforeClass
    public static void start() throws Exception {
        pg = new TestDatabase();
        dbA = pg.store();
        dbB = new StoreDatabase(pg.dataSource, "test-store-db-b");
        dbB.start();
        TestDatabase.awaitReady(dbB);
        KvHostPackage.Limits limits = new KvHostPackage.Limits(512, 1 << 20, 1000, 100);
        nodeA = new KvHostPackage(new JdbcKvStore(dbA), limits, 0);
        nodeB = new KvHostPackage(new JdbcKvStore(dbB), limits, 0);
    }

    @AfterClass
    public static void stop() throws Exception {
        nodeA.deactivate();
        nodeB.deactivate();
        dbA.stop();
        dbB.stop();
        pg.close();
    }

    private static Map<String, HostPackage.Function> functions(KvHostPackage kv) {
        Map<String, HostPackage.Function> out = new HashMap<>();
        kv.register((name, arity, f) -> out.put(name + "/" + arity, f));
        return out;
    }

    private static final HostPackage.Call CALL = new HostPackage.Call() {
        @Override
        public String script() {
            return "counter";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public ScriptSettings settings() {
            return ScriptSettings.DEFAULT;
        }
    };

    @Test
    public void whatOneNodeWritesTheOtherReadsAndIncrementsAreExact() throws Exception {
        Map<String, HostPackage.Function> a = functions(nodeA);
        Map<String, HostPackage.Function> b = functions(nodeB);
        a.get("kv::set/2").call(CALL, List.of("greeting", "hi"));
        assertEquals("hi", b.get("kv::get/1").call(CALL, List.of("greeting")));

        Set<Object> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                HostPackage.Function incr = (t % 2 == 0 ? a : b).get("kv::incr/1");
                tasks.add(() -> {
                    for (int i = 0; i < 100; i++) {
                        assertTrue(seen.add(incr.call(CALL, List.of("hits"))));
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks, 120, TimeUnit.SECONDS)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("every call a different value", 1600, seen.size());
        assertEquals(1600L, a.get("kv::get/1").call(CALL, List.of("hits")));
        assertEquals(1600L, b.get("kv::get/1").call(CALL, List.of("hits")));
    }
}
