package io.picloud.manager.impl;

import java.time.Instant;
import java.util.Map;

import io.picloud.api.Dispatcher;
import io.picloud.api.Event;
import io.picloud.api.ScriptStore;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.api.control.ScriptTestService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@link ScriptTestService} over the node's {@link Dispatcher}, which a manager-only container does not have: the
 * reference is optional and dynamic, and without it a test is UNAVAILABLE.
 */
@Component(service = ScriptTestService.class)
public class ScriptTestServiceImpl implements ScriptTestService {
    private final ScriptRights rights;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Dispatcher dispatcher;

    @Activate
    public ScriptTestServiceImpl(@Reference ScriptStore store, @Reference AuditLog audit) {
        this.rights = new ScriptRights(store, audit);
    }

    /** For tests: the dispatcher DS would bind (null: none). */
    void setDispatcher(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public Dispatcher.Dispatch test(Principal p, String name, Map<String, Object> request) {
        rights.mayChange(p, rights.readable(p, name), "script.test", null);
        Dispatcher d = dispatcher;
        if (d == null) {
            throw new OperationException(OperationException.Kind.UNAVAILABLE, "unavailable", "this container "
                    + "runs no executor (a manager without the node role): try scripts where a node runs them",
                    null, 0, null);
        }
        Object path = request.get("path");
        return d.dispatch(new Event(TRIGGER, path == null ? null : path.toString(), name, request, Instant.now()))
                .orElseThrow(() -> ScriptRights.noScript(name));
    }
}
