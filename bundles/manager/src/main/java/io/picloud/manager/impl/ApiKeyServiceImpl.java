package io.picloud.manager.impl;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.picloud.api.ApiKeyStore;
import io.picloud.api.Role;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptStore;
import io.picloud.api.StoredKey;
import io.picloud.api.control.ApiKeyService;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ApiKeyService}. Authentication answers from a cache of keys by hash, emptied whenever any user or key
 * changes anywhere (the store's notifications), so a revoked key or deactivated user is refused on every node at
 * once without a database trip per request; expiry is checked on each use. When a key was last used is gathered in
 * memory and written in one statement, {@link #TOUCH_DELAY_SECONDS} after the first use since the last write.
 */
@Component(service = ApiKeyService.class)
public class ApiKeyServiceImpl implements ApiKeyService {
    static final int TOUCH_DELAY_SECONDS = 30;
    static final int MAX_CACHED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyServiceImpl.class);

    /** A key as cached: its principal (without address) and expiry. */
    private record Cached(Principal principal, Instant expiresAt) {
    }

    private static final Cached UNKNOWN = new Cached(null, null);

    private final ApiKeyStore keys;
    private final ScriptStore scripts;
    private final AuditLog audit;
    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();
    private final Map<Long, Instant> lastUsed = new ConcurrentHashMap<>();
    private final AtomicBoolean touchScheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final Runnable onChange = byHash::clear;

    @Activate
    public ApiKeyServiceImpl(@Reference ApiKeyStore keys, @Reference ScriptStore scripts,
                             @Reference AuditLog audit) {
        this.keys = keys;
        this.scripts = scripts;
        this.audit = audit;
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
            c = load(key, hash);
            if (byHash.size() >= MAX_CACHED) {
                byHash.clear();
            }
            byHash.put(hash, c);
        }
        if (c.principal() == null || (c.expiresAt() != null && !Instant.now().isBefore(c.expiresAt()))) {
            return Optional.empty();
        }
        used(c.principal().keyId());
        return Optional.of(c.principal().withAddress(address));
    }

    private Cached load(String key, String hash) {
        byte[] wanted = hash.getBytes(StandardCharsets.US_ASCII);
        for (StoredKey k : keys.byPrefix(ApiKeys.prefix(key))) {
            if (MessageDigest.isEqual(k.keyHash().getBytes(StandardCharsets.US_ASCII), wanted)) {
                if (k.revoked() || !k.userActive()) {
                    return UNKNOWN;
                }
                Role role = k.role() == null || !Authz.notAbove(k.role(), k.userRole()) ? k.userRole() : k.role();
                return new Cached(new Principal(k.userId(), k.username(), role, k.id(), k.scripts(),
                        Principal.Channel.KEY, null), k.expiresAt());
            }
        }
        return UNKNOWN;
    }

    @Override
    public CreatedKey create(Principal p, String name, Role role, Instant expiresAt, Set<String> names) {
        Authz.read(p);
        if (name == null || name.isBlank() || name.length() > 100) {
            throw OperationException.invalid("name", "a key name of 1 to 100 characters is required");
        }
        if (role != null && !Authz.notAbove(role, p.role())) {
            audit.record(p, "key.create", name, "denied", "role " + role.id());
            throw OperationException.forbidden("a key cannot have more rights than you: your role is "
                    + p.role().id());
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw OperationException.invalid("expiresAt", "expiresAt must be in the future");
        }
        Set<String> invokable = new TreeSet<>(names == null ? Set.of() : names);
        for (String script : invokable) {
            if (!ScriptNames.isValid(script)) {
                throw OperationException.invalid("scripts", "not a script name: " + script);
            }
            ScriptOwner owner = scripts.owner(script).orElseThrow(() ->
                    OperationException.invalid("scripts", "no script named " + script));
            try {
                Authz.changeScript(p, owner);
            } catch (OperationException e) {
                throw OperationException.forbidden("an invoke-only key may name only scripts you may change: "
                        + e.getMessage());
            }
        }
        String key = ApiKeys.newKey();
        long id = keys.insert(p.userId(), name.strip(), ApiKeys.hash(key), ApiKeys.prefix(key), role, expiresAt,
                invokable);
        audit.record(p, "key.create", "key:" + id, "ok", name.strip());
        return new CreatedKey(key, view(keys.find(id).orElseThrow()));
    }

    @Override
    public List<KeyView> list(Principal p) {
        Authz.read(p);
        List<KeyView> out = new ArrayList<>();
        for (StoredKey k : keys.list(Authz.isAdmin(p) ? null : p.userId())) {
            out.add(view(k));
        }
        return out;
    }

    @Override
    public void revoke(Principal p, long id) {
        Authz.read(p);
        StoredKey k = keys.find(id).filter(x -> Authz.isAdmin(p) || x.userId() == p.userId())
                .orElseThrow(() -> OperationException.notFound("no API key with id " + id));
        if (k.userId() != p.userId() && p.role() != Role.OWNER && Authz.isPrivileged(k.userRole())) {
            audit.record(p, "key.revoke", "key:" + id, "denied", null);
            throw OperationException.forbidden("only owners revoke the keys of admins and owners");
        }
        keys.revoke(id);
        byHash.clear(); // this node at once; the others on the store's notification
        audit.record(p, "key.revoke", "key:" + id, "ok", k.name());
    }

    private void used(long keyId) {
        lastUsed.put(keyId, Instant.now());
        if (touchScheduled.compareAndSet(false, true)) {
            try {
                timer.schedule(this::touch, TOUCH_DELAY_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
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

    private static KeyView view(StoredKey k) {
        return new KeyView(k.id(), k.username(), k.name(), k.role() == null ? k.userRole() : k.role(), k.prefix(),
                k.createdAt(), k.expiresAt(), k.lastUsedAt(), k.revoked(), k.scripts());
    }
}
