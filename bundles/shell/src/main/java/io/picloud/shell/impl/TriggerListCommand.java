package io.picloud.shell.impl;

import io.picloud.api.control.BindingService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists the trigger bindings with their status merged over the cluster, secrets masked (by the service). */
@Service
@Command(scope = "picloud", name = "trigger-list", description = "Lists trigger bindings with their status across the cluster (secrets masked)")
public class TriggerListCommand extends ControlCommand {
    @Option(name = "--type", aliases = "-t", description = "Only bindings of this trigger type")
    @Completion(TriggerTypeCompleter.class)
    String type;

    @Reference
    BindingService bindings;

    @Override
    void run(Principal p) {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Type");
        table.column("Script");
        table.column("Owner");
        table.column("Enabled");
        table.column("Status");
        table.column("Config").maxSize(50);
        table.column("Last fired");
        table.column("Detail").maxSize(60);
        for (BindingService.BindingView b : bindings.list(p)) {
            if (type != null && !type.equals(b.type())) {
                continue;
            }
            table.addRow().addContent(b.id(), b.type(), b.script(), Text.orEmpty(b.owner()), Text.yesNo(b.enabled()),
                    Text.orEmpty(b.status()), Text.config(b.config()), Text.time(b.lastFired()),
                    Text.orEmpty(b.detail()));
        }
        table.print(System.out);
    }
}
