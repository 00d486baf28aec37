package io.picloud.store.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.picloud.api.KvRefusedException;
import io.picloud.api.KvStore;
import io.picloud.api.StoreUnavailableException;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** The kv entries (schema 5) against the real PostgreSQL: types kept, atomic incr and cas, expiry, ranges, limits. */
public class JdbcKvStoreTest {
    private static TestDatabase pg;
    private static StoreDatabase db;
    private static JdbcKvStore kv;

    @BeforeClass
    public static void createDatabase() throws Exception {
        pg = new TestDatabase();
        db = pg.store();
        kv = new JdbcKvStore(db);
    }

    @AfterClass
    public static void dropDatabase() throws Exception {
        db.stop();
        pg.close();
    }

    @Before
    public void empty() throws Exception {
        pg.execute("DELETE FROM kv_entries");
    }

    private String json(String key) {
        return kv.get("ns", key).map(KvStore.Entry::json).orElse(null);
    }

    @Test
    public void valuesKeepTheirJsonTypes() {
        assertTrue(kv.set("ns", "i", "1", 0, 0));
        kv.set("ns", "f", "1.0", 0, 0);
        kv.set("ns", "big", "100000000000000000000.0", 0, 0);
        kv.set("ns", "s", "\"1\"", 0, 0);
        kv.set("ns", "m", "{\"b\":[1,2.5,null,true],\"a\":{}}", 0, 0);
        assertEquals("1", json("i"));
        assertEquals("a FLOAT stays a FLOAT", "1.0", json("f"));
        assertEquals("100000000000000000000.0", json("big"));
        assertEquals("\"1\"", json("s"));
        assertEquals("{\"a\": {}, \"b\": [1, 2.5, null, true]}", json("m"));
        assertNull(json("missing"));
        assertFalse("an existing key is not new", kv.set("ns", "i", "2", 0, 0));
        assertEquals("2", json("i"));
        assertNull("namespaces are apart", kv.get("other", "i").orElse(null));
    }

    @Test
    public void deleteSaysWhetherTheKeyWasThere() {
        kv.set("ns", "k", "1", 0, 0);
        assertTrue(kv.delete("ns", "k"));
        assertFalse(kv.delete("ns", "k"));
        assertNull(json("k"));
    }

    @Test
    public void incrCountsFromZeroAndRefusesWhatIsNoInteger() {
        assertEquals(1, kv.incr("ns", "n", 1, 0));
        assertEquals(11, kv.incr("ns", "n", 10, 0));
        assertEquals(-1, kv.incr("ns", "n", -12, 0));
        assertEquals("-1", json("n"));
        for (String value : new String[] {"1.0", "\"5\"", "[1]", "{\"a\":1}", "true", "null"}) {
            kv.set("ns", "x", value, 0, 0);
            try {
                kv.incr("ns", "x", 1, 0);
                fail("incr of " + value);
            } catch (KvRefusedException e) {
                assertEquals(value, KvRefusedException.Reason.NOT_AN_INTEGER, e.reason());
                assertTrue(e.getMessage(), e.getMessage().contains("not an integer"));
            }
            assertEquals("left as it was", value.replace(":", ": "), json("x"));
        }
        kv.set("ns", "max", Long.toString(Long.MAX_VALUE), 0, 0);
        try {
            kv.incr("ns", "max", 1, 0);
            fail("overflow");
        } catch (KvRefusedException e) {
            assertEquals(KvRefusedException.Reason.OUT_OF_RANGE, e.reason());
        }
        assertEquals(Long.MAX_VALUE - 1, kv.incr("ns", "max", -1, 0));
    }

    @Test
    public void concurrentIncrementsAreNeverLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < 100; i++) {
                        kv.incr("ns", "hits", 1, 0);
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("800", json("hits"));
    }

    @Test
    public void casReplacesOnlyTheExactValue() {
        assertFalse("absent", kv.cas("ns", "c", "1", "2", 0));
        assertTrue("create if absent", kv.cas("ns", "c", null, "1", 0));
        assertFalse("no longer absent", kv.cas("ns", "c", null, "9", 0));
        assertFalse("an INT is not a FLOAT", kv.cas("ns", "c", "1.0", "2", 0));
        assertTrue(kv.cas("ns", "c", "1", "{\"b\":1,\"a\":[2]}", 0));
        assertTrue("the same map in another key order", kv.cas("ns", "c", "{\"a\":[2],\"b\":1}", "3", 0));
        assertEquals("3", json("c"));
        assertFalse(kv.cas("ns", "c", null, null, 0));
        assertTrue("delete on a match", kv.cas("ns", "c", "3", null, 0));
        assertNull(json("c"));
        assertTrue(kv.cas("ns", "c", null, null, 0));
    }

    @Test
    public void ofConcurrentCasWithOneExpectedValueExactlyOneWins() throws Exception {
        kv.set("ns", "lock", "0", 0, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                String mine = Integer.toString(t + 1);
                tasks.add(() -> kv.cas("ns", "lock", "0", mine, 0));
            }
            int wins = 0;
            for (Future<Boolean> f : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                wins += f.get() ? 1 : 0;
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
        }
        assertFalse("0".equals(json("lock")));
    }

    @Test
    public void expiredEntriesAreInvisibleAtOnceAndPurged() throws Exception {
        assertEquals(OptionalLong.empty(), kv.millisToNextExpiry());
        List<Long> told = new ArrayList<>();
        java.util.function.LongConsumer listener = told::add;
        kv.addExpiryListener(listener);
        kv.set("ns", "soon", "1", 60_000, 0);
        kv.set("ns", "never", "1", 0, 0);
        kv.removeExpiryListener(listener);
        assertEquals("a purger hears of the expiry", List.of(60_000L), told);
        long next = kv.millisToNextExpiry().orElseThrow();
        assertTrue(Long.toString(next), next > 55_000 && next <= 60_000);
        assertTrue(kv.get("ns", "soon").orElseThrow().expiresAt() != null);
        kv.set("ns", "keep", "1", 0, 0);
        // as if its time had passed
        pg.execute("UPDATE kv_entries SET expires_at = now() - interval '1 second' WHERE key = 'soon'");
        assertNull(json("soon"));
        assertEquals(List.of("keep", "never"), kv.keys("ns", "", 10));
        assertEquals(2, kv.count("ns"));
        assertFalse("an expired key is absent", kv.delete("ns", "soon"));

        kv.set("ns", "gone", "\"x\"", 60_000, 0);
        pg.execute("UPDATE kv_entries SET expires_at = now() - interval '1 second' WHERE key = 'gone'");
        assertFalse(kv.cas("ns", "gone", "\"x\"", "\"y\"", 0));
        assertEquals("an expired key starts again from 0, without expiry", 1, kv.incr("ns", "gone", 1, 0));
        assertNull(kv.get("ns", "gone").orElseThrow().expiresAt());

        kv.set("ns", "old1", "1", 60_000, 0);
        kv.set("ns", "old2", "1", 60_000, 0);
        pg.execute("UPDATE kv_entries SET expires_at = now() - interval '1 second' WHERE key LIKE 'old%'");
        assertEquals(0, kv.millisToNextExpiry().orElseThrow());
        assertTrue(kv.cas("ns", "old2", null, "5", 0));
        kv.set("ns", "later", "1", 60_000, 0);
        KvStore.Purged first = kv.purgeExpired(1);
        assertEquals("bounded batches", 1, first.deleted());
        assertTrue("the next expiry still ahead", first.millisToNextExpiry().orElseThrow() > 55_000);
        assertEquals(0, kv.purgeExpired(10).deleted());
        kv.delete("ns", "later");
        assertEquals(new KvStore.Purged(0, OptionalLong.empty()), kv.purgeExpired(10));
        assertEquals(OptionalLong.empty(), kv.millisToNextExpiry());
        assertEquals(4, pg.count("SELECT count(*) FROM kv_entries"));
        assertEquals("5", json("old2"));

        kv.set("ns", "ttl", "1", 60_000, 0);
        kv.set("ns", "ttl", "2", 0, 0);
        assertNull("set without a ttl clears the expiry", kv.get("ns", "ttl").orElseThrow().expiresAt());
    }

    @Test
    public void keysAreSortedBoundedAndMatchAPrefixLiterally() {
        for (String k : new String[] {"user:2", "user:10", "user:1", "user_x", "user%", "users", "u", "user:\u00e9",
                "user:\uD83D\uDE00", "user:\uFFFF", "v"}) {
            kv.set("ns", k, "1", 0, 0);
        }
        assertEquals(List.of("user:1", "user:10", "user:2", "user:\u00e9", "user:\uFFFF", "user:\uD83D\uDE00"),
                kv.keys("ns", "user:", 100));
        assertEquals("byte order, wildcards literal", List.of("user%"), kv.keys("ns", "user%", 100));
        assertEquals(List.of("user_x"), kv.keys("ns", "user_", 100));
        assertEquals(List.of("user:1", "user:10"), kv.keys("ns", "user:", 2));
        assertEquals(11, kv.keys("ns", "", 100).size());
        assertEquals(List.of(), kv.keys("ns", "zz", 100));
        List<KvStore.Entry> entries = kv.list("ns", "user:1", 10);
        assertEquals(2, entries.size());
        assertEquals("user:10", entries.get(1).key());
        assertEquals("1", entries.get(1).json());
        assertEquals(11, kv.count("ns"));
    }

    @Test
    public void successorIsTheNextPrefixInByteOrder() {
        assertEquals("ab", JdbcKvStore.successor("aa"));
        assertEquals("\uE000", JdbcKvStore.successor("\uD7FF"));
        assertEquals("a\uD83D\uDE01", JdbcKvStore.successor("a\uD83D\uDE00"));
        assertEquals("b", JdbcKvStore.successor("a" + new String(Character.toChars(Character.MAX_CODE_POINT))));
        assertNull(JdbcKvStore.successor(new String(Character.toChars(Character.MAX_CODE_POINT))));
    }

    @Test
    public void aFullNamespaceRefusesNewKeysButNotChanges() throws Exception {
        kv.set("ns", "a", "1", 0, 2);
        kv.set("ns", "b", "1", 0, 2);
        for (Runnable write : new Runnable[] {
                () -> kv.set("ns", "c", "1", 0, 2),
                () -> kv.incr("ns", "c", 1, 2),
                () -> kv.cas("ns", "c", null, "1", 2)}) {
            try {
                write.run();
                fail("a third key");
            } catch (KvRefusedException e) {
                assertEquals(KvRefusedException.Reason.TOO_MANY_KEYS, e.reason());
                assertTrue(e.getMessage(), e.getMessage().contains("'ns'"));
            }
        }
        kv.set("ns", "a", "5", 0, 2);
        assertEquals(6, kv.incr("ns", "a", 1, 2));
        assertTrue(kv.cas("ns", "b", "1", "2", 2));
        kv.set("other", "c", "1", 0, 2);
        pg.execute("UPDATE kv_entries SET expires_at = now() - interval '1 second' WHERE key = 'b'");
        kv.set("ns", "c", "1", 0, 2);
        assertEquals("an expired key leaves room", 2, kv.count("ns"));
    }

    @Test
    public void anUnreachableDatabaseIsUnavailable() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestDatabase.HOST, TestDatabase.PORT)) {
            StoreDatabase cut = new StoreDatabase(StoreDatabaseTest.proxiedFor(pg, proxy), "test-kv-db");
            cut.start();
            TestDatabase.awaitReady(cut);
            JdbcKvStore store = new JdbcKvStore(cut);
            store.set("ns", "k", "1", 0, 0);
            proxy.cut();
            try {
                store.incr("ns", "k", 1, 0);
                fail("incr while down");
            } catch (StoreUnavailableException expected) {
                // the caller says Unavailable
            } finally {
                cut.stop();
            }
        }
    }
}
