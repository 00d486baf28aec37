package io.picloud.shell.impl;

import io.picloud.api.ScriptVersion;
import io.picloud.api.control.Principal;
import io.picloud.api.control.ScriptService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Makes an earlier version of a script active again. */
@Service
@Command(scope = "picloud", name = "script-rollback", description = "Makes an existing version of a script active again")
public class ScriptRollbackCommand extends ControlCommand {
    @Argument(index = 0, name = "name", description = "Script name", required = true)
    @Completion(ScriptNameCompleter.class)
    String name;

    @Argument(index = 1, name = "version", description = "Version number to activate", required = true)
    int version;

    @Reference
    ScriptService scripts;

    @Override
    void run(Principal p) {
        ScriptVersion v = scripts.rollback(p, name, version);
        System.out.println("Script '" + name + "' now runs version " + v.version());
    }
}
