package io.picloud.shell.impl;

import io.picloud.api.control.Principal;
import io.picloud.api.control.ScriptService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Deletes a script and all its versions. */
@Service
@Command(scope = "picloud", name = "script-delete", description = "Deletes a script and all its versions")
public class ScriptDeleteCommand extends ControlCommand {
    @Argument(index = 0, name = "name", description = "Script name", required = true)
    @Completion(ScriptNameCompleter.class)
    String name;

    @Reference
    ScriptService scripts;

    @Override
    void run(Principal p) {
        scripts.delete(p, name);
        System.out.println("Deleted script '" + name + "'");
    }
}
