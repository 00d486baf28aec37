package io.picloud.access.impl;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.picloud.api.Role;
import io.picloud.api.ScriptAccess;
import io.picloud.api.ScriptChangeListener;
import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptStore;
import io.picloud.api.control.EndpointAccess;
import io.picloud.api.control.KeyAuthenticator;
import io.picloud.api.control.KnownScripts;
import io.picloud.api.control.Principal;
import io.picloud.api.metrics.MetricSource;
import io.picloud.api.metrics.MetricWriter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link EndpointAccess}: each script's owner and access cached by name (dropped on every change of the script, on
 * this node directly and on the others through the store's notifications; the least recently used dropped beyond
 * {@link #MAX_CACHED}), keys through the {@link KeyAuthenticator}'s cache. A public script costs one map lookup; a
 * {@code key} script a SHA-256 more; a name {@link KnownScripts} knows does not exist costs no store read.
 * (It listens through {@link ScriptStore#addChangeListener}: as a whiteboard listener it would be a circular
 * reference with the store.) Allowed on a {@code key} script: keys of its owner, of admins and owners, and invoke-only keys naming it.
 */
@Component(service = {EndpointAccess.class, MetricSource.class})
public class CachedEndpointAccess implements EndpointAccess, ScriptChangeListener, MetricSource {
    static final int MAX_CACHED = 100_000;
    private static final ScriptOwner NO_SCRIPT = new ScriptOwner("", 0, null, ScriptAccess.PUBLIC);

    private final ScriptStore scripts;
    private final KeyAuthenticator keys;
    private final KnownScripts known;
    private final LruCache<String, ScriptOwner> owners = new LruCache<>(MAX_CACHED);
    /** Counts changes, so that a lookup that raced with a change is not cached. */
    private final AtomicLong changes = new AtomicLong();
    private final LongAdder ownerReads = new LongAdder();

    @Activate
    public CachedEndpointAccess(@Reference ScriptStore scripts, @Reference KeyAuthenticator keys,
                                @Reference KnownScripts known) {
        this.scripts = scripts;
        this.keys = keys;
        this.known = known;
        scripts.addChangeListener(this);
    }

    @Deactivate
    void deactivate() {
        scripts.removeChangeListener(this);
    }

    @Override
    public Decision check(String script, String key) {
        ScriptOwner owner = owner(script);
        if (owner.access() != ScriptAccess.KEY) {
            return Decision.ALLOW; // public, or no such script: the endpoint answers 404 itself
        }
        if (key == null || key.isEmpty()) {
            return Decision.UNAUTHENTICATED;
        }
        Optional<Principal> p = keys.authenticate(key, null);
        if (p.isEmpty()) {
            return Decision.UNAUTHENTICATED;
        }
        return mayInvoke(p.get(), owner) ? Decision.ALLOW : Decision.FORBIDDEN;
    }

    static boolean mayInvoke(Principal p, ScriptOwner owner) {
        if (p.invokeOnly()) {
            return p.scripts().contains(owner.name());
        }
        return p.userId() == owner.ownerId() || p.role() == Role.ADMIN || p.role() == Role.OWNER;
    }

    private ScriptOwner owner(String script) {
        ScriptOwner cached = owners.get(script);
        if (cached != null) {
            return cached;
        }
        if (!known.mayExist(script)) {
            return NO_SCRIPT; // not cached: a flood of random names would only push the real ones out
        }
        long before = changes.get();
        ownerReads.increment();
        ScriptOwner loaded = scripts.owner(script).orElse(NO_SCRIPT);
        owners.put(script, loaded);
        if (changes.get() != before) {
            owners.remove(script);
        }
        return loaded;
    }

    @Override
    public void scriptChanged(String name) {
        changes.incrementAndGet();
        owners.remove(name);
    }

    @Override
    public void collect(MetricWriter out) {
        out.counter("picloud_endpoint_access_owner_reads", "Reads of a script's owner and access by the endpoint "
                + "access check (cache misses; names known not to exist cost none)", Map.of(), ownerReads.sum());
        out.gauge("picloud_endpoint_access_cached", "Scripts whose owner and access are cached on this node",
                Map.of(), owners.size());
    }
}
