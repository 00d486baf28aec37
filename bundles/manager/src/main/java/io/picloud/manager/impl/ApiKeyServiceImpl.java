package io.picloud.manager.impl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.picloud.api.ApiKeyStore;
import io.picloud.api.Role;
import io.picloud.api.ScriptNames;
import io.picloud.api.ScriptOwner;
import io.picloud.api.ScriptStore;
import io.picloud.api.StoredKey;
import io.picloud.api.control.ApiKeyService;
import io.picloud.access.ApiKeys;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.KeyAuthenticator;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link ApiKeyService}: authentication is the {@link KeyAuthenticator}'s (in every container, cached); here the
 * rules for creating, listing and revoking keys.
 */
@Component(service = ApiKeyService.class)
public class ApiKeyServiceImpl implements ApiKeyService {
    private final ApiKeyStore keys;
    private final ScriptStore scripts;
    private final AuditLog audit;
    private final KeyAuthenticator authenticator;

    @Activate
    public ApiKeyServiceImpl(@Reference ApiKeyStore keys, @Reference ScriptStore scripts,
                             @Reference AuditLog audit, @Reference KeyAuthenticator authenticator) {
        this.keys = keys;
        this.scripts = scripts;
        this.audit = audit;
        this.authenticator = authenticator;
    }

    @Override
    public Optional<Principal> authenticate(String key, String address) {
        return authenticator.authenticate(key, address);
    }

    @Override
    public CreatedKey create(Principal p, String name, Role role, Instant expiresAt, Set<String> names) {
        Authz.read(p);
        if (name == null || name.isBlank() || name.length() > 100) {
            throw OperationException.invalid("name", "a key name of 1 to 100 characters is required");
        }
        if (role != null && !Authz.notAbove(role, p.role())) {
            audit.record(p, "key.create", name, "denied", "role " + role.id());
            throw new OperationException(OperationException.Kind.FORBIDDEN, "forbidden",
                    "a key cannot have more rights than you: your role is " + p.role().id(), "role", 0, null);
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
        audit.record(p, "key.revoke", "key:" + id, "ok", k.name());
    }

    private static KeyView view(StoredKey k) {
        return new KeyView(k.id(), k.username(), k.name(), k.role() == null ? k.userRole() : k.role(), k.prefix(),
                k.createdAt(), k.expiresAt(), k.lastUsedAt(), k.revoked(), k.scripts());
    }
}
