package io.picloud.manager.impl;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.picloud.api.InvocationFeed;
import io.picloud.api.InvocationId;
import io.picloud.api.InvocationLog;
import io.picloud.api.InvocationQuery;
import io.picloud.api.InvocationRecord;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptStore;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.InvocationService;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InvocationService}: reads through the {@link InvocationLog}, and fans every new batch the
 * {@link InvocationFeed} tells of out to the open watches. A batch is read once, and only when some watch wants
 * its script. The feed is listened to from the first watch on until this component stops (a manager nobody
 * watches holds no LISTEN connection; closing a watch, which happens on a server thread, never waits for the
 * database).
 */
@Component(service = InvocationService.class, configurationPid = ManagerConfig.PID)
public class InvocationServiceImpl implements InvocationService {
    static final int MAX_LIMIT = 1000;
    static final long RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(InvocationServiceImpl.class);

    private final InvocationLog log;
    private final InvocationFeed feed;
    private final ScriptRights rights;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private volatile int maxWatches;
    private InvocationFeed.Subscription subscription;

    @Activate
    public InvocationServiceImpl(@Reference InvocationLog log, @Reference InvocationFeed feed,
                                 @Reference ScriptStore store, @Reference AuditLog audit, ManagerConfig config) {
        this.log = log;
        this.feed = feed;
        this.rights = new ScriptRights(store, audit);
        modified(config);
    }

    @Modified
    void modified(ManagerConfig config) {
        maxWatches = Math.max(0, config.maxLiveTails());
    }

    @Deactivate
    void stop() {
        List.copyOf(watchers).forEach(Watcher::close);
        InvocationFeed.Subscription s;
        synchronized (this) {
            s = subscription;
            subscription = null;
        }
        if (s != null) {
            s.close();
        }
    }

    @Override
    public List<InvocationRecord> list(Principal p, InvocationQuery query) {
        Authz.read(p);
        if (query.script() != null) {
            rights.readable(p, query.script());
        }
        if (query.limit() > MAX_LIMIT) {
            throw OperationException.invalid("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
        }
        return log.query(query).stream().filter(r -> Authz.mayRead(p, r.script())).toList();
    }

    @Override
    public InvocationRecord get(Principal p, String id) {
        Authz.read(p);
        InvocationId parsed = InvocationId.parse(id);
        // "<batch>.<run>", or the X-PiCloud-Invocation ref a caller got back
        return (parsed != null ? log.find(parsed) : log.findByRef(id))
                .filter(r -> Authz.mayRead(p, r.script()))
                .orElseThrow(() -> OperationException.notFound("no invocation with id " + id));
    }

    @Override
    public Watch watch(Principal p, String script, Consumer<InvocationRecord> listener) {
        Authz.read(p);
        if (script != null) {
            // a name that cannot be a script's is no script either: one refusal for both, as for an unknown id
            if (!ScriptNames.isValid(script)) {
                throw ScriptRights.noScript(script);
            }
            rights.readable(p, script);
        }
        Watcher w = new Watcher(p, script, listener);
        synchronized (this) {
            if (watchers.size() >= maxWatches) {
                throw new OperationException(OperationException.Kind.TOO_MANY, "too_many_streams", "this server "
                        + "has its most live tails open (" + maxWatches + "); close one or try again later", null,
                        RETRY_AFTER_SECONDS, null);
            }
            watchers.add(w);
            if (subscription == null) {
                subscription = feed.listen(this::written);
            }
        }
        return w;
    }

    /** Number of open watches (for tests). */
    int watches() {
        return watchers.size();
    }

    private void written(long batch, String script) {
        if (watchers.stream().noneMatch(w -> w.wants(script))) {
            return;
        }
        List<InvocationRecord> runs;
        try {
            runs = log.batch(batch);
        } catch (RuntimeException e) {
            LOG.warn("The live tail could not read invocation batch {}: {}", batch, e.toString());
            return;
        }
        for (Watcher w : watchers) {
            if (w.wants(script)) {
                runs.forEach(w::tell);
            }
        }
    }

    private void closed(Watcher w) {
        watchers.remove(w);
    }

    private final class Watcher implements Watch {
        private final Principal principal;
        private final String script;
        private final Consumer<InvocationRecord> listener;

        Watcher(Principal principal, String script, Consumer<InvocationRecord> listener) {
            this.principal = principal;
            this.script = script;
            this.listener = listener;
        }

        boolean wants(String s) {
            return (script == null || script.equals(s)) && Authz.mayRead(principal, s);
        }

        void tell(InvocationRecord r) {
            try {
                listener.accept(r);
            } catch (RuntimeException e) {
                LOG.warn("A live tail listener failed: {}", e.toString());
            }
        }

        @Override
        public void close() {
            closed(this);
        }
    }
}
