package io.picloud.shell.impl;

import io.picloud.api.control.Principal;
import io.picloud.api.control.SecretService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Deletes a secret of a script. */
@Service
@Command(scope = "picloud", name = "secret-delete", description = "Deletes a script's secret")
public class SecretDeleteCommand extends ControlCommand {
    @Argument(index = 0, name = "script", description = "The script", required = true)
    @org.apache.karaf.shell.api.action.Completion(ScriptNameCompleter.class)
    String script;

    @Argument(index = 1, name = "name", description = "The secret's name", required = true)
    String name;

    @Reference
    SecretService secrets;

    @Override
    void run(Principal p) {
        secrets.delete(p, script, name);
        System.out.println("Deleted " + name + " of " + script);
    }
}
