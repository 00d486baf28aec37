package io.picloud.manager.impl;

import java.util.List;
import java.util.regex.Pattern;

import io.picloud.api.Role;
import io.picloud.api.User;
import io.picloud.api.UserStore;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.api.control.UserService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link UserService}: the user rules of {@link Authz}, the password policy of {@link Passwords}, the audit log. */
@Component(service = UserService.class)
public class UserServiceImpl implements UserService {
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private final UserStore users;
    private final AuditLog audit;

    @Activate
    public UserServiceImpl(@Reference UserStore users, @Reference AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    @Override
    public User create(Principal p, String username, String password, Role role) {
        if (role == null) {
            throw OperationException.invalid("role", "a role is required: owner, admin, developer or viewer");
        }
        guarded(p, "user.create", username, () -> Authz.manageUser(p, role, role));
        requireUsername(username);
        String hash = null;
        if (password != null) {
            Passwords.check(password, username, "password");
            hash = Passwords.hash(password);
        }
        User u = users.create(username, hash, role);
        audit.record(p, "user.create", target(u), "ok", "role " + role.id());
        return u;
    }

    @Override
    public List<User> list(Principal p) {
        Authz.read(p);
        return users.list();
    }

    @Override
    public User get(Principal p, long id) {
        Authz.read(p);
        return existing(id);
    }

    @Override
    public User update(Principal p, long id, Role role, Boolean active, String password) {
        User target = existing(id);
        guarded(p, "user.update", target(target), () -> Authz.manageUser(p, target.role(), role));
        return change(p, "user.update", target, role, active, password);
    }

    @Override
    public User delete(Principal p, long id) {
        User target = existing(id);
        guarded(p, "user.delete", target(target), () -> Authz.manageUser(p, target.role(), null));
        if (users.ownedScripts(id) > 0) {
            User after = users.update(id, null, false, null, null).orElseThrow(() -> noUser(id));
            audit.record(p, "user.deactivate", target(target), "ok", "owns scripts: deactivated, not deleted");
            return after;
        }
        if (!users.delete(id)) {
            throw noUser(id);
        }
        audit.record(p, "user.delete", target(target), "ok", null);
        return null;
    }

    @Override
    public User updatePrivileged(Principal p, long id, Role role, Boolean active) {
        User target = existing(id);
        guarded(p, "admin.update", target(target), () -> Authz.owner(p, "manage admins and owners"));
        if (!Authz.isPrivileged(target.role())) {
            throw OperationException.conflict("not_privileged", "user " + target.username() + " is a "
                    + target.role().id() + "; change developers and viewers with PATCH /api/v1/users/" + id);
        }
        return change(p, "admin.update", target, role, active, null);
    }

    @Override
    public User me(Principal p) {
        Authz.read(p);
        return existing(p.userId());
    }

    @Override
    public User updateMe(Principal p, String username, String password, String currentPassword) {
        Authz.read(p);
        User me = existing(p.userId());
        if (me.hasPassword()) {
            if (username != null && !username.equals(me.username())) {
                throw OperationException.invalid("username", "the username can only be chosen once, with the "
                        + "first password; ask an owner to create a new user");
            }
            if (currentPassword == null || !Passwords.verify(currentPassword,
                    users.passwordHash(me.username()).orElse(null))) {
                audit.record(p, "me.update", target(me), "denied", "wrong current password");
                throw new OperationException(OperationException.Kind.FORBIDDEN, "wrong_password",
                        "the current password is wrong", "currentPassword", 0, null);
            }
        }
        if (password == null) {
            throw OperationException.invalid("password", "a new password is required");
        }
        String name = username == null ? me.username() : username;
        requireUsername(name);
        Passwords.check(password, name, "password");
        User after = users.update(me.id(), null, null, Passwords.hash(password),
                name.equals(me.username()) ? null : name).orElseThrow(() -> noUser(me.id()));
        audit.record(p, "me.update", target(after), "ok", me.hasPassword() ? "password changed" : "password set");
        return after;
    }

    private User change(Principal p, String action, User target, Role role, Boolean active, String password) {
        String hash = null;
        if (password != null) {
            Passwords.check(password, target.username(), "password");
            hash = Passwords.hash(password);
        }
        User after = users.update(target.id(), role, active, hash, null).orElseThrow(() -> noUser(target.id()));
        StringBuilder detail = new StringBuilder();
        if (role != null) {
            detail.append("role ").append(role.id()).append(' ');
        }
        if (active != null) {
            detail.append(active ? "activated " : "deactivated ");
        }
        if (hash != null) {
            detail.append("password set");
        }
        audit.record(p, action, target(target), "ok", detail.toString().strip());
        return after;
    }

    private void guarded(Principal p, String action, String target, Runnable check) {
        try {
            check.run();
        } catch (OperationException e) {
            audit.record(p, action, target, "denied", e.getMessage());
            throw e;
        }
    }

    private User existing(long id) {
        return users.find(id).orElseThrow(() -> noUser(id));
    }

    static void requireUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw OperationException.invalid("username", "usernames are 1 to 63 characters of a-z, 0-9, '.', '_' "
                    + "and '-', starting with a letter or digit");
        }
    }

    private static String target(User u) {
        return "user:" + u.username();
    }

    private static OperationException noUser(long id) {
        return OperationException.notFound("no user with id " + id);
    }
}
