package io.picloud.shell.impl;

import io.picloud.api.control.BindingService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists the installed trigger types, or prints one type's configuration schema. */
@Service
@Command(scope = "picloud", name = "trigger-types", description = "Lists the installed trigger types; with a type id, prints its configuration schema")
public class TriggerTypesCommand extends ControlCommand {
    @Argument(index = 0, name = "type", description = "Trigger type id whose JSON schema to print (secret fields are \"writeOnly\")", required = false)
    @Completion(TriggerTypeCompleter.class)
    String type;

    @Reference
    BindingService bindings;

    @Override
    void run(Principal p) {
        if (type != null) {
            System.out.println(bindings.type(p, type).schema());
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Type");
        table.column("Label");
        table.column("Description").maxSize(70);
        for (BindingService.TriggerTypeView t : bindings.types(p)) {
            table.addRow().addContent(t.id(), Text.orEmpty(t.label()), Text.orEmpty(t.description()));
        }
        table.print(System.out);
    }
}
