package io.picloud.access.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class LruCacheTest {
    @Test
    public void staysBoundedAndKeepsTheEntriesInUse() {
        LruCache<String, Integer> cache = new LruCache<>(80);
        cache.put("hot", 1);
        for (int i = 0; i < 10_000; i++) {
            cache.put("cold-" + i, i);
            cache.get("hot");
            assertTrue("size " + cache.size(), cache.size() <= 80);
        }
        assertEquals(Integer.valueOf(1), cache.get("hot"));
        assertNotNull(cache.get("cold-9999"));
        assertNull(cache.get("cold-0"));
    }

    @Test
    public void dropsTheLeastRecentlyUsedFirst() {
        LruCache<String, Integer> cache = new LruCache<>(8);
        for (int i = 0; i < 8; i++) {
            cache.put("k" + i, i);
        }
        cache.get("k0");
        cache.put("k8", 8);      // over the bound: the one too many and an eighth more go, k0 was used lately
        assertEquals(7, cache.size());
        assertNull(cache.get("k1"));
        assertNull(cache.get("k2"));
        assertNotNull(cache.get("k0"));
        assertNotNull(cache.get("k8"));
    }
}
