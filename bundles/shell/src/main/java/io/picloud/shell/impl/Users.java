package io.picloud.shell.impl;

import io.picloud.api.Role;
import io.picloud.api.User;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.api.control.UserService;

/** The user commands' use of the UserService, which works by id while the shell speaks usernames. */
final class Users {
    private Users() {
    }

    /** The user named {@code username}, from the list the shell user may see; NOT_FOUND when there is none. */
    static User byName(UserService users, Principal p, String username) {
        return users.list(p).stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow(() -> OperationException.notFound("no user named " + username));
    }

    /**
     * Changes role and/or active: admins and owners through {@link UserService#updatePrivileged} (owners only), the
     * others through {@link UserService#update}, as {@code PATCH /api/v1/admin/admins/{id}} and
     * {@code PATCH /api/v1/users/{id}} do.
     */
    static User change(UserService users, Principal p, User target, Role role, Boolean active) {
        return Roles.privileged(target.role())
                ? users.updatePrivileged(p, target.id(), role, active)
                : users.update(p, target.id(), role, active, null);
    }
}
