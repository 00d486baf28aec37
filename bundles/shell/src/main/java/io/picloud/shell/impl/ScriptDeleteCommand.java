package io.picloud.shell.impl;

import io.picloud.api.ScriptStore;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Deletes a script and all its versions. */
@Service
@Command(scope = "picloud", name = "script-delete", description = "Deletes a script and all its versions")
public class ScriptDeleteCommand implements Action {
    @Argument(index = 0, name = "name", description = "Script name", required = true)
    @Completion(ScriptNameCompleter.class)
    String name;

    @Reference
    ScriptStore store;

    @Override
    public Object execute() {
        if (!store.delete(name)) {
            throw new IllegalArgumentException("No script named '" + name + "'");
        }
        System.out.println("Deleted script '" + name + "'");
        return null;
    }
}
