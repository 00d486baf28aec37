package io.picloud.access.impl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.picloud.access.ApiKeys;
import io.picloud.api.ApiKeyStore;
import io.picloud.api.Role;
import io.picloud.api.StoredKey;
import io.picloud.api.control.KeyAuthenticator;
import io.picloud.api.control.Principal;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KeyAuthenticator} with a cache of keys by hash, emptied whenever any user or key changes anywhere (the
 * store's notifications), so a warm key costs a SHA-256 and a map lookup. Keys found unknown or unusable are kept
 * apart in a cache of their own, so a flood of bogus keys costs one store read per new key (none for a key already
 * refused) and never pushes the good keys out; both caches drop their least recently used entries beyond
 * {@link #MAX_CACHED}. When a key was last
 * used is gathered in memory and written in one statement {@link #TOUCH_DELAY_SECONDS} after the first use since
 * the last write: no timer runs while keys are not used.
 */
@Component(service = {KeyAuthenticator.class, MetricSource.class})
public class CachedKeyAuthenticator implements KeyAuthenticator, MetricSource {
    static final int TOUCH_DELAY_SECONDS = 30;
    static final int MAX_CACHED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(CachedKeyAuthenticator.class);

    /** A key as cached: its principal (without address; null for an unknown or unusable key) and expiry. */
    private record Cached(Principal principal, Instant expiresAt) {
    }

    private static final Cached UNUSABLE = new Cached(null, null);

    private final ApiKeyStore keys;
    private final LruCache<String, Cached> byHash = new LruCache<>(MAX_CACHED);
    private final LruCache<String, Cached> refused = new LruCache<>(MAX_CACHED);
    /** Counts changes, so that a key read that raced with a change (a revocation) is not cached. */
    private final AtomicLong changes = new AtomicLong();
    private final LongAdder keyReads = new LongAdder();
    private final Map<Long, Instant> lastUsed = new ConcurrentHashMap<>();
    private final AtomicBoolean touchScheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final Runnable onChange = () -> {
        changes.incrementAndGet();
        byHash.clear();
        refused.clear();
    };

    @Activate
    public CachedKeyAuthenticator(@Reference ApiKeyStore keys) {
        this.keys = keys;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "picloud-key-use");
            t.setDaemon(true);
            return t;
        });
        keys.addChangeListener(onChange);
    }

    @Deactivate
    void deactivate() {
        keys.removeChangeListener(onChange);
        timer.shutdownNow();
        touch();
    }

    @Override
    public Optional<Principal> authenticate(String key, String address) {
        if (key == null || key.length() < 3 || key.length() > 512) {
            return Optional.empty();
        }
        String hash = ApiKeys.hash(key);
        Cached c = byHash.get(hash);
        if (c == null) {
            c = refused.get(hash);
        }
        if (c == null) {
            long before = changes.get();
            keyReads.increment();
            c = load(key, hash);
            LruCache<String, Cached> cache = c.principal() == null ? refused : byHash;
            cache.put(hash, c);
            if (changes.get() != before) {
                cache.remove(hash);
            }
        }
        if (c.principal() == null || (c.expiresAt() != null && !Instant.now().isBefore(c.expiresAt()))) {
            return Optional.empty();
        }
        used(c.principal().keyId());
        return Optional.of(address == null ? c.principal() : c.principal().withAddress(address));
    }

    @Override
    public void collect(MetricWriter out) {
        out.counter("picloud_api_key_reads", "Reads of the key store to authenticate an API key (cache misses; "
                + "a key already refused costs none)", Map.of(), keyReads.sum());
        out.gauge("picloud_api_keys_cached", "API keys cached on this node", Map.of("known", "true"), byHash.size());
        out.gauge("picloud_api_keys_cached", "API keys cached on this node", Map.of("known", "false"),
                refused.size());
    }

    private Cached load(String key, String hash) {
        byte[] wanted = hash.getBytes(StandardCharsets.US_ASCII);
        for (StoredKey k : keys.byPrefix(ApiKeys.prefix(key))) {
            if (MessageDigest.isEqual(k.keyHash().getBytes(StandardCharsets.US_ASCII), wanted)) {
                if (k.revoked() || !k.userActive()) {
                    return UNUSABLE;
                }
                return new Cached(new Principal(k.userId(), k.username(), effectiveRole(k), k.id(), k.scripts(),
                        Principal.Channel.KEY, null), k.expiresAt());
            }
        }
        return UNUSABLE;
    }

    /** The key's own role when it is not above its user's (a user demoted after the key was made), else the user's. */
    static Role effectiveRole(StoredKey k) {
        return k.role() == null || k.role().ordinal() < k.userRole().ordinal() ? k.userRole() : k.role();
    }

    private void used(long keyId) {
        lastUsed.put(keyId, Instant.now());
        if (touchScheduled.compareAndSet(false, true)) {
            try {
                timer.schedule(this::touch, TOUCH_DELAY_SECONDS, TimeUnit.SECONDS);
            } catch (RejectedExecutionException e) {
                touchScheduled.set(false); // deactivated
            }
        }
    }

    private void touch() {
        touchScheduled.set(false);
        Map<Long, Instant> batch = new HashMap<>();
        for (Long id : lastUsed.keySet()) {
            Instant at = lastUsed.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        try {
            keys.touch(batch);
        } catch (RuntimeException e) {
            LOG.debug("Key use times not written: {}", e.toString());
        }
    }
}
