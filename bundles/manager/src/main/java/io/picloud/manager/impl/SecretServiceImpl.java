package io.picloud.manager.impl;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptStore;
import io.picloud.api.SecretNames;
import io.picloud.api.SecretStore;
import io.picloud.api.SecretVault;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.api.control.SecretService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link SecretService}: the script's rights ({@link Authz}), the name and size rules, the audit (never a value). */
@Component(service = SecretService.class)
public class SecretServiceImpl implements SecretService {
    static final int MAX_VALUE_BYTES = 64 * 1024;
    private final SecretVault vault;
    private final AuditLog audit;
    private final ScriptRights rights;

    @Activate
    public SecretServiceImpl(@Reference ScriptStore scripts, @Reference SecretVault vault, @Reference AuditLog audit) {
        this.vault = vault;
        this.audit = audit;
        this.rights = new ScriptRights(scripts, audit);
    }

    @Override
    public List<SecretStore.SecretInfo> list(Principal p, String script) {
        existing(p, script);
        return vault.list(script);
    }

    @Override
    public boolean put(Principal p, String script, String name, String value) {
        ScriptOwner owner = existing(p, script);
        change(p, owner, "secret.put", name);
        requireName(name);
        if (value == null || value.isEmpty()) {
            throw OperationException.invalid("value", "send the secret's value as the request body");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw OperationException.invalid("value", "a secret is at most " + MAX_VALUE_BYTES + " bytes");
        }
        boolean created = vault.list(script).stream().noneMatch(s -> s.name().equals(name));
        if (!vault.put(script, name, value)) {
            throw noScript(script);
        }
        audit.record(p, "secret.put", script, "ok", name);
        return created;
    }

    @Override
    public void delete(Principal p, String script, String name) {
        ScriptOwner owner = existing(p, script);
        change(p, owner, "secret.delete", name);
        requireName(name);
        if (!vault.delete(script, name)) {
            throw OperationException.notFound("script " + script + " has no secret named " + name);
        }
        audit.record(p, "secret.delete", script, "ok", name);
    }

    private ScriptOwner existing(Principal p, String script) {
        return rights.readable(p, script);
    }

    private void change(Principal p, ScriptOwner owner, String action, String name) {
        rights.mayChange(p, owner, action, name);
    }

    private static void requireName(String name) {
        if (!SecretNames.isValid(name)) {
            throw OperationException.invalid("name", SecretNames.RULE);
        }
    }

    private static OperationException noScript(String name) {
        return ScriptRights.noScript(name);
    }
}
