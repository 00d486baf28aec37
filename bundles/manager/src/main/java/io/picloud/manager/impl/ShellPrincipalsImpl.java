package io.picloud.manager.impl;

import java.util.List;
import java.util.Set;

import io.picloud.api.Role;
import io.picloud.api.User;
import io.picloud.api.UserStore;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.api.control.ShellPrincipals;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The shell user's principal. A shell user whose name is a PiCloud user acts with that user's role. A shell user
 * with no PiCloud user of the same name is an operator of the container (they can install bundles and read
 * {@code etc/}), so they act as an owner, audited as {@code shell:<user>}; what they create belongs to the first
 * active owner.
 */
@Component(service = ShellPrincipals.class)
public class ShellPrincipalsImpl implements ShellPrincipals {
    private final UserStore users;

    @Activate
    public ShellPrincipalsImpl(@Reference UserStore users) {
        this.users = users;
    }

    @Override
    public Principal of(String shellUser) {
        String name = shellUser == null || shellUser.isBlank() ? "console" : shellUser;
        var user = users.findByName(name);
        if (user.isPresent()) {
            User u = user.get();
            if (!u.active()) {
                throw OperationException.forbidden("the PiCloud user " + name + " is deactivated");
            }
            return new Principal(u.id(), u.username(), u.role(), 0, Set.of(), Principal.Channel.SHELL, "shell");
        }
        List<User> owners = users.list().stream().filter(u -> u.active() && u.role() == Role.OWNER).toList();
        long ownerId = owners.isEmpty() ? 0 : owners.get(0).id();
        return new Principal(ownerId, name, Role.OWNER, 0, Set.of(), Principal.Channel.SHELL, "shell");
    }
}
