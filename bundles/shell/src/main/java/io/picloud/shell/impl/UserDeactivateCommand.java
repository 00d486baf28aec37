package io.picloud.shell.impl;

import io.picloud.api.User;
import io.picloud.api.control.Principal;
import io.picloud.api.control.UserService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Deactivates a user: their sessions and keys stop working at once; their scripts stay. */
@Service
@Command(scope = "picloud", name = "user-deactivate", description = "Deactivates a PiCloud user (ends their sessions and keys)")
public class UserDeactivateCommand extends ControlCommand {
    @Argument(index = 0, name = "username", description = "The user (see picloud:user-list)", required = true)
    @Completion(UserNameCompleter.class)
    String username;

    @Reference
    UserService users;

    @Override
    void run(Principal p) {
        User target = Users.byName(users, p, username);
        User after = Users.change(users, p, target, null, false);
        System.out.println("User " + after.username() + (after.active() ? " is still active" : " is deactivated"));
    }
}
