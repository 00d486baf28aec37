package io.picloud.shell.impl;

import io.picloud.api.control.ApiKeyService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists API keys (never the keys themselves): the shell user's, or everyone's for admins and owners. */
@Service
@Command(scope = "picloud", name = "key-list", description = "Lists API keys: yours, or everyone's for admins and owners")
public class KeyListCommand extends ControlCommand {
    @Reference
    ApiKeyService keys;

    @Override
    void run(Principal p) {
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("User");
        table.column("Name");
        table.column("Role");
        table.column("Prefix");
        table.column("Created");
        table.column("Expires");
        table.column("Last used");
        table.column("Revoked");
        table.column("Scripts").maxSize(40);
        for (ApiKeyService.KeyView k : keys.list(p)) {
            table.addRow().addContent(k.id(), k.username(), k.name(), k.role() == null ? "" : k.role().id(),
                    Text.orEmpty(k.prefix()), Text.time(k.createdAt()), Text.time(k.expiresAt()),
                    Text.time(k.lastUsedAt()), Text.yesNo(k.revoked()), Text.joined(k.scripts()));
        }
        table.print(System.out);
    }
}
