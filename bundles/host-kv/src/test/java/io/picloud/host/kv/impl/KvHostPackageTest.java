package io.picloud.host.kv.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.picloud.api.HostException;
import io.picloud.api.HostPackage;
import io.picloud.api.KvStore;
import io.picloud.api.ScriptSettings;
import org.junit.After;
import org.junit.Test;

/** The kv::* functions over a fake store: values and types, namespaces, every refusal with its code. */
public class KvHostPackageTest {
    private final FakeKvStore store = new FakeKvStore();
    private KvHostPackage kv = new KvHostPackage(store, new KvHostPackage.Limits(512, 1 << 20, 100, 10), 0);
    private final Map<String, HostPackage.Function> functions = new HashMap<>();
    private HostPackage.Call call = call("counter", ScriptSettings.DEFAULT);

    {
        register();
    }

    private void register() {
        functions.clear();
        kv.register((name, arity, f) -> functions.put(name + "/" + arity, f));
    }

    @After
    public void stop() {
        kv.deactivate();
    }

    private static HostPackage.Call call(String script, ScriptSettings settings) {
        return new HostPackage.Call() {
            @Override
            public String script() {
                return script;
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public ScriptSettings settings() {
                return settings;
            }
        };
    }

    private Object kv(String function, Object... args) throws Exception {
        HostPackage.Function f = functions.get("kv::" + function + "/" + args.length);
        if (f == null) {
            throw new AssertionError("no kv::" + function + " of arity " + args.length);
        }
        return f.call(call, new ArrayList<>(Arrays.asList(args)));
    }

    private String refused(String function, Object... args) throws Exception {
        try {
            kv(function, args);
        } catch (HostException e) {
            return e.code() + ": " + e.getMessage();
        }
        throw new AssertionError("kv::" + function + " was not refused");
    }

    @Test
    public void itIsTheKvPackageWithEveryFunction() {
        assertEquals("kv", kv.name());
        assertEquals(new java.util.TreeSet<>(List.of("kv::cas/3", "kv::delete/1", "kv::get/1", "kv::get/2",
                "kv::incr/1", "kv::incr/2", "kv::keys/1", "kv::keys/2", "kv::set/2", "kv::set/3")),
                new java.util.TreeSet<>(functions.keySet()));
    }

    @Test
    public void valuesComeBackWithTheirTypes() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", 1L);
        map.put("f", 1.0);
        map.put("list", Arrays.asList("a\"\n\u0001", true, null, 2.5, 'c'));
        map.put("nested", Map.of("x", List.of()));
        Object[] values = {42L, 1.0, -0.5, 1e20, 1.5e-7, "text", true, List.of(1L, 2L), map};
        for (Object v : values) {
            assertNull(kv("set", "k", v));
            Object back = kv("get", "k");
            if (v == map) {
                Map<String, Object> expected = new LinkedHashMap<>(map);
                expected.put("list", Arrays.asList("a\"\n\u0001", true, null, 2.5, "c"));
                assertEquals(expected, back);
            } else {
                assertEquals(v, back);
            }
            if (!(v instanceof List || v instanceof Map)) {
                assertEquals(v.getClass(), back.getClass());
            }
        }
        assertEquals("1.0", KvJson.fraction(1.0));
        assertEquals("100000000000000000000.0", KvJson.fraction(1e20));
    }

    @Test
    public void getSetDeleteAndDefaults() throws Exception {
        assertNull(kv("get", "missing"));
        assertEquals(7L, kv("get", "missing", 7L));
        kv("set", "a", "x");
        assertEquals("x", kv("get", "a", 7L));
        assertEquals(true, kv("delete", "a"));
        assertEquals(false, kv("delete", "a"));
        kv("set", "b", 1L);
        kv("set", "b", null);
        assertNull("() deletes", store.get("counter", "b").orElse(null));
    }

    @Test
    public void theNamespaceIsTheScriptsOrItsSharedOne() throws Exception {
        kv("set", "k", 1L);
        call = call("other", ScriptSettings.DEFAULT.withKvNamespace("shared"));
        assertNull(kv("get", "k"));
        kv("set", "k", 2L);
        assertEquals("1", store.get("counter", "k").orElseThrow().json());
        assertEquals("2", store.get("shared", "k").orElseThrow().json());
    }

    @Test
    public void incrAndCas() throws Exception {
        assertEquals(1L, kv("incr", "n"));
        assertEquals(6L, kv("incr", "n", 5L));
        assertEquals(6L, kv("get", "n"));
        assertTrue(refused("incr", "n", 1.5).startsWith("NotAnInteger: "));
        kv("set", "s", "5");
        assertTrue(refused("incr", "s").startsWith("NotAnInteger: the value of 's' is not an integer"));
        kv("set", "f", 1.0);
        assertTrue(refused("incr", "f").startsWith("NotAnInteger: "));

        assertEquals(true, kv("cas", "c", null, 1L));
        assertEquals(false, kv("cas", "c", null, 2L));
        assertEquals(false, kv("cas", "c", 1.0, 2L));
        assertEquals(true, kv("cas", "c", 1L, Map.of("v", 2L)));
        assertEquals(true, kv("cas", "c", Map.of("v", 2L), null));
        assertNull(kv("get", "c"));
    }

    @Test
    public void keysAreSortedAndBounded() throws Exception {
        for (String k : new String[] {"b", "a:2", "a:1", "a:3"}) {
            kv("set", k, 1L);
        }
        assertEquals(List.of("a:1", "a:2", "a:3"), kv("keys", "a:"));
        assertEquals(List.of("a:1", "a:2"), kv("keys", "a:", 2L));
        assertEquals(List.of("a:1", "a:2", "a:3", "b"), kv("keys", ""));
        for (Object bad : new Object[] {0L, 11L, 1.0, "2"}) {
            try {
                kv("keys", "", bad);
                fail("limit " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("from 1 to 10 (maxKeysListed)"));
            }
        }
        assertTrue(refused("keys", 1L).startsWith("InvalidKey: "));
    }

    @Test
    public void badKeysAreInvalidKey() throws Exception {
        assertTrue(refused("get", "").startsWith("InvalidKey: a key is not empty"));
        assertTrue(refused("get", 1L).startsWith("InvalidKey: a key is a string, not an INT"));
        assertTrue(refused("set", "x".repeat(513), 1L).contains("longer than 512 bytes (maxKeyBytes)"));
        assertTrue("a multi-byte key counts bytes", refused("set", "\u00e9".repeat(257), 1L).startsWith("InvalidKey"));
        kv("set", "\u00e9".repeat(256), 1L);
        assertTrue(refused("set", "a\nb", 1L).contains("control characters"));
        assertTrue(refused("delete", "a\uD800").contains("lone surrogate"));
        kv("set", "emoji \uD83D\uDE00 / slash", 1L);
    }

    @Test
    public void whatIsNotJsonOrTooLargeIsRefused() throws Exception {
        assertTrue(refused("set", "k", new byte[] {1}).startsWith("NotJson: a BLOB is not JSON"));
        assertTrue(refused("set", "k", List.of(Instant.now())).startsWith("NotJson: a timestamp is not JSON"));
        assertTrue(refused("set", "k", Double.NaN).startsWith("NotJson: "));
        assertTrue(refused("cas", "k", null, new byte[0]).startsWith("NotJson: "));
        kv = new KvHostPackage(store, new KvHostPackage.Limits(512, 100, 100, 10), 0);
        register();
        kv("set", "k", "x".repeat(98));
        assertTrue(refused("set", "k", "x".repeat(99)).startsWith("ValueTooLarge: the value's JSON is larger than "
                + "100 bytes (maxValueBytes)"));
        assertTrue("bytes, not characters", refused("set", "k", "\u00e9".repeat(50)).startsWith("ValueTooLarge"));
        List<Object> deep = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            deep = new ArrayList<>(List.of(deep));
        }
        kv = new KvHostPackage(store, new KvHostPackage.Limits(512, 1 << 20, 100, 10), 0);
        register();
        assertTrue(refused("set", "k", deep).contains("nested more than 128"));
    }

    @Test
    public void ttlMustBePositive() throws Exception {
        kv("set", "t", 1L, 60L);
        assertTrue(store.get("counter", "t").orElseThrow().expiresAt().isAfter(Instant.now().plusSeconds(59)));
        kv("set", "t", 1L, 0.5);
        for (Object bad : new Object[] {0L, -1L, 0.0, "10", 1e12}) {
            try {
                kv("set", "t", 1L, bad);
                fail("ttl " + bad);
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage(), e.getMessage().contains("ttl_seconds"));
            }
        }
    }

    @Test
    public void aFullNamespaceIsTooManyKeysAndAnOutageUnavailable() throws Exception {
        kv = new KvHostPackage(store, new KvHostPackage.Limits(512, 1 << 20, 2, 10), 0);
        register();
        kv("set", "a", 1L);
        kv("incr", "b");
        assertTrue(refused("set", "c", 1L).startsWith("TooManyKeys: "));
        assertTrue(refused("incr", "c").startsWith("TooManyKeys: "));
        kv("set", "a", 2L);
        store.down = true;
        for (String f : new String[] {"get", "delete", "incr"}) {
            assertEquals("Unavailable: the kv store is unavailable (the database cannot be reached); try again later",
                    refused(f, "a"));
        }
        assertTrue(refused("set", "a", 1L).startsWith("Unavailable"));
        assertTrue(refused("keys", "").startsWith("Unavailable"));
    }

    @Test
    public void theStoredJsonIsCompactAndFloatsHaveAFraction() throws Exception {
        kv("set", "m", Map.of("f", 2.0));
        assertEquals("{\"f\":2.0}", store.get("counter", "m").orElseThrow().json());
        kv("set", "i", List.of(2L, 1e15));
        assertEquals("[2,1000000000000000.0]", store.get("counter", "i").orElseThrow().json());
        assertEquals(List.of(2L, 1e15), kv("get", "i"));
        Object big = KvJson.read("123456789012345678901234567890");
        assertTrue(big instanceof Double);
        KvStore.Entry e = store.get("counter", "i").orElseThrow();
        assertNull(e.expiresAt());
    }
}
