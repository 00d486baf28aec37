package io.picloud.shell.impl;

import io.picloud.api.User;
import io.picloud.api.control.Principal;
import io.picloud.api.control.UserService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists the PiCloud users. */
@Service
@Command(scope = "picloud", name = "user-list", description = "Lists the PiCloud users with their roles")
public class UserListCommand extends ControlCommand {
    @Reference
    UserService users;

    @Override
    void run(Principal p) {
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Username");
        table.column("Role");
        table.column("Active");
        table.column("Password");
        table.column("Created");
        for (User u : users.list(p)) {
            table.addRow().addContent(u.id(), u.username(), u.role().id(), Text.yesNo(u.active()),
                    Text.yesNo(u.hasPassword()), Text.time(u.createdAt()));
        }
        table.print(System.out);
    }
}
