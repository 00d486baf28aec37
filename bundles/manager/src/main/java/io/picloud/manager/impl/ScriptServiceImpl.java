package io.picloud.manager.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.picloud.api.DeployResult;
import io.picloud.api.InvocationLog;
import io.picloud.api.InvocationRecord;
import io.picloud.api.ScriptAccess;
import io.picloud.api.ScriptCompiler;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptSettings;
import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptSummary;
import io.picloud.api.ScriptVersion;
import io.picloud.api.User;
import io.picloud.api.UserStore;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.api.control.ScriptService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ScriptService}: the compile check, ownership rules (see {@link Authz}) and the audit log for scripts. */
@Component(service = ScriptService.class)
public class ScriptServiceImpl implements ScriptService {
    static final int MAX_INVOCATIONS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ScriptServiceImpl.class);
    private final ScriptStore store;
    private final ScriptCompiler compiler;
    private final InvocationLog invocations;
    private final UserStore users;
    private final AuditLog audit;
    private final ScriptRights rights;

    @Activate
    public ScriptServiceImpl(@Reference ScriptStore store, @Reference ScriptCompiler compiler,
                             @Reference InvocationLog invocations, @Reference UserStore users,
                             @Reference AuditLog audit) {
        this.store = store;
        this.compiler = compiler;
        this.invocations = invocations;
        this.users = users;
        this.audit = audit;
        this.rights = new ScriptRights(store, audit);
    }

    @Override
    public List<ScriptSummary> list(Principal p) {
        Authz.read(p);
        return store.list();
    }

    @Override
    public ScriptDetail get(Principal p, String name) {
        Authz.read(p);
        requireName(name);
        ScriptVersion active = store.active(name).orElseThrow(() -> noScript(name));
        ScriptSummary summary = store.summary(name).orElseThrow(() -> noScript(name));
        return new ScriptDetail(summary, active);
    }

    @Override
    public DeployResult deploy(Principal p, String name, String source) {
        Authz.createScripts(p);
        requireName(name);
        if (source == null) {
            throw OperationException.invalid("source", "the script's source is required");
        }
        store.owner(name).ifPresent(owner -> changeScript(p, owner, "script.deploy"));
        List<ScriptProblem> problems = compiler.check(name, source);
        if (problems == null || problems.isEmpty()) {
            problems = ModuleCheck.problems(name, source, compiler, store);
        }
        if (!problems.isEmpty()) {
            ScriptProblem first = problems.get(0);
            throw new OperationException(OperationException.Kind.UNPROCESSABLE, "compile_error", first.kind()
                    + " at " + first.line() + ":" + first.column() + ": " + first.message(), "source", 0,
                    details(problems));
        }
        DeployResult result = store.deploy(name, source, p.userId(), p.actor(), Authz.isAdmin(p));
        LOG.info("Script {} version {} deployed by {}", name, result.version().version(), p.actor());
        audit.record(p, "script.deploy", name, "ok", "version " + result.version().version());
        return result;
    }

    @Override
    public List<ScriptVersion> versions(Principal p, String name) {
        Authz.read(p);
        requireName(name);
        List<ScriptVersion> versions = store.versions(name);
        if (versions.isEmpty()) {
            throw noScript(name);
        }
        return versions;
    }

    @Override
    public ScriptVersion version(Principal p, String name, int version) {
        return versions(p, name).stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> OperationException.notFound("script " + name + " has no version " + version));
    }

    @Override
    public ScriptVersion rollback(Principal p, String name, int version) {
        changeScript(p, existing(p, name), "script.rollback");
        if (version < 1) {
            throw OperationException.invalid("version", "the version must be a positive integer");
        }
        ScriptVersion v = store.rollback(name, version).orElseThrow(() -> store.active(name).isPresent()
                ? OperationException.notFound("script " + name + " has no version " + version) : noScript(name));
        LOG.info("Script {} rolled back to version {} by {}", name, version, p.actor());
        audit.record(p, "script.rollback", name, "ok", "version " + version);
        return v;
    }

    @Override
    public void delete(Principal p, String name) {
        changeScript(p, existing(p, name), "script.delete");
        if (!store.delete(name)) {
            throw noScript(name);
        }
        LOG.info("Script {} deleted by {}", name, p.actor());
        audit.record(p, "script.delete", name, "ok", null);
    }

    @Override
    public ScriptSummary update(Principal p, String name, ScriptAccess access, String ownerName) {
        ScriptOwner owner = existing(p, name);
        changeScript(p, owner, "script.update");
        Long newOwner = null;
        if (ownerName != null) {
            if (!Authz.isAdmin(p)) {
                audit.record(p, "script.update", name, "denied", "owner");
                throw OperationException.forbidden("only admins and owners hand scripts over to another user");
            }
            User u = users.findByName(ownerName).filter(User::active).orElseThrow(() ->
                    OperationException.invalid("owner", "no active user named " + ownerName));
            if (u.role() == io.picloud.api.Role.VIEWER) {
                throw OperationException.invalid("owner", "a viewer cannot own scripts");
            }
            newOwner = u.id();
        }
        if (!store.updateSettings(name, newOwner, access)) {
            throw noScript(name);
        }
        StringBuilder detail = new StringBuilder();
        if (access != null) {
            detail.append("access=").append(access.id());
        }
        if (ownerName != null) {
            detail.append(detail.length() > 0 ? " " : "").append("owner=").append(ownerName);
        }
        audit.record(p, "script.update", name, "ok", detail.toString());
        return store.summary(name).orElseThrow(() -> noScript(name));
    }

    @Override
    public ScriptSettings settings(Principal p, String name) {
        existing(p, name);
        return store.settings(name).orElseThrow(() -> noScript(name));
    }

    @Override
    public ScriptSettings updateSettings(Principal p, String name, ScriptSettings settings) {
        ScriptOwner owner = existing(p, name);
        changeScript(p, owner, "script.settings");
        ScriptSettings checked = ScriptSettingsRules.checked(settings);
        String namespace = checked.kvNamespaceOf(name);
        if (!namespace.equals(name) && !Authz.isAdmin(p)) {
            requireSameOwner(p, owner, namespace);
        }
        if (!store.updateSettings(name, checked)) {
            throw noScript(name);
        }
        audit.record(p, "script.settings", name, "ok", "kvNamespace=" + namespace + " allowHosts="
                + (checked.allowHosts() == null ? "default" : String.join(",", checked.allowHosts()))
                + " config keys=" + String.join(",", checked.config().keySet())
                + " retry=" + (checked.retry() == null ? "default" : checked.retry().maxAttempts() + " attempts")
                + " rateLimit=" + (checked.rateLimit() == null ? "none" : checked.rateLimit().perSecond() + "/s"));
        return checked;
    }

    /** A shared kv namespace holds the data of every script using it: only scripts of one owner may share one. */
    private void requireSameOwner(Principal p, ScriptOwner owner, String namespace) {
        for (String other : store.scriptsUsingNamespace(namespace)) {
            if (other.equals(owner.name())) {
                continue;
            }
            ScriptOwner o = store.owner(other).orElse(null);
            if (o != null && o.ownerId() != owner.ownerId()) {
                audit.record(p, "script.settings", owner.name(), "denied", "kvNamespace=" + namespace);
                throw OperationException.forbidden("kv namespace '" + namespace + "' is used by script '" + other
                        + "' of another owner");
            }
        }
    }

    @Override
    public List<InvocationRecord> invocations(Principal p, String name, int limit, int offset) {
        Authz.read(p);
        if (name != null) {
            existing(p, name);
        }
        return invocations.query(name, Math.max(1, Math.min(limit, MAX_INVOCATIONS)), Math.max(0, offset));
    }

    private ScriptOwner existing(Principal p, String name) {
        return rights.readable(p, name);
    }

    private void changeScript(Principal p, ScriptOwner owner, String action) {
        rights.mayChange(p, owner, action, null);
    }

    static void requireName(String name) {
        if (!ScriptNames.isValid(name)) {
            throw OperationException.invalid("name",
                    "script names are 1 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
    }

    private static OperationException noScript(String name) {
        return ScriptRights.noScript(name);
    }

    private static List<Map<String, Object>> details(List<ScriptProblem> problems) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ScriptProblem pr : problems) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("kind", pr.kind());
            d.put("message", pr.message());
            d.put("line", pr.line());
            d.put("column", pr.column());
            out.add(d);
        }
        return out;
    }
}
