package io.picloud.api.control;

import java.util.List;

import io.picloud.api.Role;
import io.picloud.api.User;

/**
 * Users and passwords. Viewers and developers see the user list; admins create, change and deactivate developers
 * and viewers; owners manage everyone ({@link #updatePrivileged}). Nothing may leave PiCloud without an active
 * owner (CONFLICT). Passwords: at least 10 characters, not a common password, hashed with Argon2id.
 */
@org.osgi.annotation.versioning.ProviderType
public interface UserService {
    /** {@code password} may be null: the user then logs in only with keys until one is set. */
    User create(Principal p, String username, String password, Role role);

    List<User> list(Principal p);

    User get(Principal p, long id);

    /** An admin's change of a developer or viewer (role at most developer); owners may change anyone. */
    User update(Principal p, long id, Role role, Boolean active, String password);

    /** Deletes the user, or deactivates one who owns scripts; returns the user afterwards (null when deleted). */
    User delete(Principal p, long id);

    /** Owners only, on admins and owners: {@code PATCH /api/v1/admin/admins/{id}}. */
    User updatePrivileged(Principal p, long id, Role role, Boolean active);

    /** The caller. */
    User me(Principal p);

    /**
     * Changes the caller's own password (and, once, the bootstrap owner's username). {@code currentPassword} is
     * required when a password is set.
     */
    User updateMe(Principal p, String username, String password, String currentPassword);
}
