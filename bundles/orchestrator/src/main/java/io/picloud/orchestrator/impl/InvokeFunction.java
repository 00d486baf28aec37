package io.picloud.orchestrator.impl;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.HostException;
import io.picloud.api.HostPackage;
import io.picloud.api.ScriptAccess;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptStore;
import io.picloud.api.StoreUnavailableException;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code invoke(name, payload)}: runs another script now, on the caller's thread, and gives its value. The callee
 * sees {@code event} {@code #{type: "invoke", source: caller, payload, depth, time}}, runs under its own limits
 * and no longer than the caller's deadline, and is recorded in the invocation log with its caller. A script with
 * access {@code key} may be invoked only by scripts of its owner. The chain depth is shared with {@code emit}.
 *
 * <p>The dispatcher is reached through {@link ComponentServiceObjects}, got at each call: the executor collects
 * this package and the dispatcher needs the executor, so getting the dispatcher while this component activates
 * (as any other kind of reference does) would be a circle.
 */
@Component(service = HostPackage.class, configurationPid = "io.picloud.invoke")
@Designate(ocd = InvokeFunction.Config.class)
public class InvokeFunction implements HostPackage {
    @ObjectClassDefinition(name = "PiCloud invoke", description = "invoke(name, payload) between scripts.")
    public @interface Config {
        @AttributeDefinition(description = "Longest chain of runs started by runs (invoke and emit together)")
        int maxDepth() default 8;
    }

    private final ScriptStore store;
    private volatile int maxDepth;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ComponentServiceObjects<Dispatcher> dispatchers;
    /** For tests: used instead of {@link #dispatchers}. */
    private final Dispatcher fixedDispatcher;

    @Activate
    public InvokeFunction(@Reference ScriptStore store, Config config) {
        this.store = store;
        this.fixedDispatcher = null;
        modified(config);
    }

    /** For tests. */
    InvokeFunction(ScriptStore store, Dispatcher dispatcher, int maxDepth) {
        this.store = store;
        this.fixedDispatcher = dispatcher;
        this.maxDepth = maxDepth;
    }

    @Modified
    void modified(Config config) {
        maxDepth = Math.max(1, config.maxDepth());
    }

    @Override
    public String name() {
        return "invoke";
    }

    @Override
    public void register(Registry registry) {
        registry.function("invoke", 1, (call, args) -> invoke(call, args.get(0), null));
        registry.function("invoke", 2, (call, args) -> invoke(call, args.get(0), args.get(1)));
    }

    Object invoke(Call call, Object nameValue, Object payload) throws HostException {
        String name = nameValue instanceof String s ? s : null;
        if (name == null || !ScriptNames.isValid(name)) {
            throw new HostException("InvalidName", "invoke needs a script name (a-z, 0-9, '-')");
        }
        int depth = call.depth() + 1;
        if (depth > maxDepth) {
            throw new HostException("TooDeep", "chain of invoke/emit deeper than " + maxDepth + " (calling '"
                    + name + "'); a script that invokes itself, directly or not, loops");
        }
        mayInvoke(call.script(), name);
        Optional<Dispatcher.Dispatch> done = dispatch(new Event("invoke", call.script(), name,
                event(call.script(), payload, depth), Instant.now()));
        if (done.isEmpty()) {
            throw new HostException("NotFound", "no script named " + name);
        }
        return valueOf(name, done.get().outcome());
    }

    private Optional<Dispatcher.Dispatch> dispatch(Event event) throws HostException {
        if (fixedDispatcher != null) {
            return fixedDispatcher.dispatch(event);
        }
        ComponentServiceObjects<Dispatcher> objects = dispatchers;
        Dispatcher d = objects == null ? null : objects.getService();
        if (d == null) {
            throw new HostException("Unavailable", "scripts cannot be invoked on this node now");
        }
        try {
            return d.dispatch(event);
        } finally {
            objects.ungetService(d);
        }
    }

    /** A key-protected script is the business of its owner's scripts only. */
    private void mayInvoke(String caller, String callee) throws HostException {
        try {
            Optional<ScriptOwner> target = store.owner(callee);
            if (target.isEmpty()) {
                throw new HostException("NotFound", "no script named " + callee);
            }
            if (target.get().access() == ScriptAccess.KEY) {
                long callerOwner = store.owner(caller).map(ScriptOwner::ownerId).orElse(-1L);
                if (callerOwner != target.get().ownerId()) {
                    throw new HostException("Forbidden", "script '" + callee + "' has access key: only scripts of "
                            + "its owner may invoke it");
                }
            }
        } catch (StoreUnavailableException e) {
            throw new HostException("Unavailable", "the database is unavailable");
        }
    }

    private static Map<String, Object> event(String caller, Object payload, int depth) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "invoke");
        event.put("source", caller);
        event.put("payload", payload);
        event.put("depth", (long) depth);
        event.put("time", Instant.now().toString());
        return event;
    }

    private static Object valueOf(String name, ExecutionOutcome outcome) throws HostException {
        ScriptProblem p = outcome.problem();
        if (p == null) {
            return outcome.value();
        }
        throw new HostException(p.kind(), "script '" + name + "' failed: " + p.kind()
                + (p.line() > 0 ? " at " + p.line() + ":" + p.column() : "") + ": " + p.message());
    }
}
