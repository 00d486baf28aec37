package io.picloud.shell.impl;

import java.util.List;
import java.util.Map;

import io.picloud.api.BindingStore;
import io.picloud.api.StoredBinding;
import io.picloud.api.TriggerStatusService;
import io.picloud.trigger.api.TriggerType;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists the trigger bindings with their live status on this node. */
@Service
@Command(scope = "picloud", name = "trigger-list", description = "Lists trigger bindings with their status on this node (secrets masked)")
public class TriggerListCommand implements Action {
    @Option(name = "--type", aliases = "-t", description = "Only bindings of this trigger type")
    String type;

    @Reference
    BindingStore bindings;

    @Reference(optional = true)
    TriggerStatusService statuses;

    @Reference(optional = true)
    List<TriggerType> types;

    @Override
    public Object execute() {
        Map<String, TriggerType> byId = TriggerShell.byId(types);
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Type");
        table.column("Script");
        table.column("Enabled");
        table.column("Status");
        table.column("Config").maxSize(50);
        table.column("Last fired");
        table.column("Detail").maxSize(60);
        for (StoredBinding b : bindings.list()) {
            if (type != null && !type.equals(b.type())) {
                continue;
            }
            String[] status = TriggerShell.status(b, statuses, byId);
            table.addRow().addContent(b.id(), b.type(), b.script(), b.enabled() ? "yes" : "no", status[0],
                    TriggerShell.maskedConfig(b.config(), TriggerShell.secrets(byId.get(b.type()))),
                    Text.time(b.lastFired()), status[1]);
        }
        table.print(System.out);
        return null;
    }
}
