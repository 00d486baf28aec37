package io.picloud.manager.impl;

import io.picloud.api.Role;
import io.picloud.api.ScriptOwner;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;

/**
 * Who may do what (docs/security.md has the table). One place for every rule, used by every service; the rights of
 * a call are those of its principal's {@link Principal#role()} (a key's role is never above its user's).
 */
final class Authz {
    private Authz() {
    }

    /** Any control-plane read: every role, but not an invoke-only key. */
    static void read(Principal p) {
        controlPlane(p);
    }

    /**
     * Whether {@code p} may read {@code script}'s runs: every control-plane principal reads every script today
     * (docs/security.md); the one place to narrow when that changes.
     */
    static boolean mayRead(Principal p, String script) {
        return p != null && !p.invokeOnly() && script != null;
    }

    static void createScripts(Principal p) {
        atLeast(p, Role.DEVELOPER, "create scripts");
    }

    /** Changing, rolling back or deleting a script, or its bindings: its owner (a developer or above) or admins. */
    static void changeScript(Principal p, ScriptOwner script) {
        atLeast(p, Role.DEVELOPER, "change scripts");
        if (!isAdmin(p) && script.ownerId() != p.userId()) {
            throw OperationException.forbidden("the script " + script.name() + " belongs to "
                    + (script.ownerName() == null ? "another user" : script.ownerName())
                    + "; only its owner or an admin may change it");
        }
    }

    static void admin(Principal p, String what) {
        atLeast(p, Role.ADMIN, what);
    }

    static void owner(Principal p, String what) {
        atLeast(p, Role.OWNER, what);
    }

    /** Managing a user of role {@code target} (and giving them {@code newRole}): admins for developers and viewers. */
    static void manageUser(Principal p, Role target, Role newRole) {
        admin(p, "manage users");
        if (p.role() == Role.OWNER) {
            return;
        }
        if (isPrivileged(target) || (newRole != null && isPrivileged(newRole))) {
            // a role above what admins may give names the field (issue 9: bad input names its field)
            throw new OperationException(OperationException.Kind.FORBIDDEN, "forbidden",
                    "only owners manage admins and owners (PATCH /api/v1/admin/admins/{id})",
                    newRole != null && isPrivileged(newRole) ? "role" : null, 0, null);
        }
    }

    static boolean isAdmin(Principal p) {
        return p.role() == Role.ADMIN || p.role() == Role.OWNER;
    }

    static boolean isPrivileged(Role r) {
        return r == Role.ADMIN || r == Role.OWNER;
    }

    /** True when {@code a} has at most the rights of {@code b}. */
    static boolean notAbove(Role a, Role b) {
        return a.ordinal() >= b.ordinal();
    }

    private static void atLeast(Principal p, Role needed, String what) {
        controlPlane(p);
        if (!notAbove(needed, p.role())) {
            throw OperationException.forbidden("the role " + p.role().id() + " may not " + what);
        }
    }

    private static void controlPlane(Principal p) {
        if (p == null) {
            throw new OperationException(OperationException.Kind.UNAUTHENTICATED, "unauthorized",
                    "authentication is required");
        }
        if (p.invokeOnly()) {
            throw OperationException.forbidden("this key may only invoke the scripts " + p.scripts());
        }
    }
}
