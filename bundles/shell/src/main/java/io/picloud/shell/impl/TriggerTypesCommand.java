package io.picloud.shell.impl;

import java.util.List;
import java.util.Map;

import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerType;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists the installed trigger types, or prints one type's configuration schema. */
@Service
@Command(scope = "picloud", name = "trigger-types", description = "Lists the installed trigger types; with a type id, prints its configuration schema")
public class TriggerTypesCommand implements Action {
    @Argument(index = 0, name = "type", description = "Trigger type id whose JSON schema to print", required = false)
    @Completion(TriggerTypeCompleter.class)
    String type;

    @Reference(optional = true)
    List<TriggerType> types;

    @Override
    public Object execute() {
        Map<String, TriggerType> byId = TriggerShell.byId(types);
        if (type != null) {
            TriggerType t = byId.get(type);
            if (t == null) {
                throw new IllegalArgumentException("No trigger type '" + type + "' is installed; installed: " + byId.keySet());
            }
            System.out.println(t.descriptor().configSchema());
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Type");
        table.column("Label");
        table.column("Secrets");
        table.column("Description").maxSize(70);
        for (Map.Entry<String, TriggerType> e : byId.entrySet()) {
            TriggerDescriptor d = e.getValue().descriptor();
            table.addRow().addContent(e.getKey(), d.label(), String.join(",", TriggerShell.secrets(e.getValue())),
                    d.description() == null ? "" : d.description());
        }
        table.print(System.out);
        return null;
    }
}
