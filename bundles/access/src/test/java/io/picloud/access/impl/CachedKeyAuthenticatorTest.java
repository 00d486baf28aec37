package io.picloud.access.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.picloud.access.ApiKeys;
import io.picloud.api.ApiKeyStore;
import io.picloud.api.Role;
import io.picloud.api.StoredKey;
import org.junit.After;
import org.junit.Test;

public class CachedKeyAuthenticatorTest {
    private final Map<String, StoredKey> stored = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final ApiKeyStore keys = Fakes.proxy(ApiKeyStore.class, (proxy, method, args) -> switch (method.getName()) {
        case "byPrefix" -> {
            reads.incrementAndGet();
            yield stored.values().stream().filter(k -> k.prefix().equals(args[0])).toList();
        }
        case "addChangeListener" -> listeners.add((Runnable) args[0]);
        case "removeChangeListener" -> listeners.remove((Runnable) args[0]);
        default -> null;
    });
    private final CachedKeyAuthenticator auth = new CachedKeyAuthenticator(keys);

    @After
    public void stop() {
        auth.deactivate();
    }

    private String add(long id) {
        String key = ApiKeys.newKey();
        stored.put(key, new StoredKey(id, 1, "alice", Role.DEVELOPER, true, "k" + id, ApiKeys.hash(key),
                ApiKeys.prefix(key), null, Instant.EPOCH, null, null, false, Set.of()));
        return key;
    }

    @Test
    public void aBogusKeyCostsOneStoreReadThenNone() {
        for (int i = 0; i < 1000; i++) {
            assertFalse(auth.authenticate("pc_bogus-key-0123456789", null).isPresent());
        }
        assertEquals(1, reads.get());
    }

    @Test
    public void aFloodOfBogusKeysDoesNotPushTheGoodKeysOut() {
        String good = add(1);
        assertTrue(auth.authenticate(good, null).isPresent());
        for (int i = 0; i < CachedKeyAuthenticator.MAX_CACHED * 2; i++) {
            auth.authenticate("pc_bogus-" + i + "-0123456789", null);
        }
        int before = reads.get();
        assertTrue(auth.authenticate(good, null).isPresent());
        assertEquals(before, reads.get());
    }

    @Test
    public void aKeyChangeEmptiesTheRefusedKeysToo() {
        String key = ApiKeys.newKey();
        assertFalse(auth.authenticate(key, null).isPresent());
        stored.put(key, new StoredKey(9, 1, "alice", Role.DEVELOPER, true, "late", ApiKeys.hash(key),
                ApiKeys.prefix(key), null, Instant.EPOCH, null, null, false, Set.of()));
        assertFalse("still refused from the cache", auth.authenticate(key, null).isPresent());
        listeners.forEach(Runnable::run);   // the key-change NOTIFY
        assertTrue(auth.authenticate(key, null).isPresent());
        assertEquals(2, reads.get());
    }
}
