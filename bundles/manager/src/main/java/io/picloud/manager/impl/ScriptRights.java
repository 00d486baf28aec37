package io.picloud.manager.impl;

import java.util.Set;
import java.util.TreeSet;

import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptSummary;
import io.picloud.api.ScriptStore;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;

/**
 * The checks every operation on one script starts with, for the services of scripts and of their secrets: the
 * script exists and the principal may read it; the principal may change it, a refusal audited.
 */
final class ScriptRights {
    private final ScriptStore store;
    private final AuditLog audit;

    ScriptRights(ScriptStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    /** The script's owner and access; INVALID for a bad name, NOT_FOUND when there is no such script. */
    ScriptOwner readable(Principal p, String name) {
        Authz.read(p);
        ScriptServiceImpl.requireName(name);
        return store.owner(name).orElseThrow(() -> noScript(name));
    }

    /**
     * The names of the scripts the principal may read, for answers about many scripts at once (stats): every
     * deployed script, for any principal allowed on the control plane, as {@code GET /scripts} lists them.
     */
    Set<String> readableNames(Principal p) {
        Authz.read(p);
        Set<String> names = new TreeSet<>();
        for (ScriptSummary s : store.list()) {
            names.add(s.name());
        }
        return names;
    }

    /** Refuses (and audits as {@code action}, with {@code detail} or the refusal's text) who may not change it. */
    void mayChange(Principal p, ScriptOwner owner, String action, String detail) {
        try {
            Authz.changeScript(p, owner);
        } catch (OperationException e) {
            audit.record(p, action, owner.name(), "denied", detail == null ? e.getMessage() : detail);
            throw e;
        }
    }

    static OperationException noScript(String name) {
        return OperationException.notFound("no script named " + name);
    }
}
