package io.picloud.shell.impl;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.picloud.api.Role;

/** Role names as typed in the shell ({@code owner}, {@code admin}, {@code developer}, {@code viewer}). */
final class Roles {
    private Roles() {
    }

    /** @throws IllegalArgumentException naming the roles there are */
    static Role parse(String id) {
        if (id != null) {
            for (Role r : Role.values()) {
                if (r.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("Unknown role '" + id + "': use "
                + Arrays.stream(Role.values()).map(Role::id).collect(Collectors.joining(", ")));
    }

    /** Admins and owners are managed by owners only ({@code UserService.updatePrivileged}). */
    static boolean privileged(Role r) {
        return r == Role.OWNER || r == Role.ADMIN;
    }
}
