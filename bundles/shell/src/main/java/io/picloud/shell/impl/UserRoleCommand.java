package io.picloud.shell.impl;

import io.picloud.api.Role;
import io.picloud.api.User;
import io.picloud.api.control.Principal;
import io.picloud.api.control.UserService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Changes a user's role (admins and owners: by owners only). */
@Service
@Command(scope = "picloud", name = "user-role", description = "Changes a PiCloud user's role")
public class UserRoleCommand extends ControlCommand {
    @Argument(index = 0, name = "username", description = "The user (see picloud:user-list)", required = true)
    @Completion(UserNameCompleter.class)
    String username;

    @Argument(index = 1, name = "role", description = "owner, admin, developer or viewer", required = true)
    @Completion(value = StringsCompleter.class, values = {"owner", "admin", "developer", "viewer"})
    String role;

    @Reference
    UserService users;

    @Override
    void run(Principal p) {
        Role r = Roles.parse(role);
        User target = Users.byName(users, p, username);
        User after = Users.change(users, p, target, r, null);
        System.out.println("User " + after.username() + " is now " + after.role().id()
                + (target.role() == after.role() ? " (unchanged)" : " (was " + target.role().id() + ")"));
    }
}
