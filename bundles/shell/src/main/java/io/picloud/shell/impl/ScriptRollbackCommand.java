package io.picloud.shell.impl;

import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptVersion;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Makes an earlier version of a script active again. */
@Service
@Command(scope = "picloud", name = "script-rollback", description = "Makes an existing version of a script active again")
public class ScriptRollbackCommand implements Action {
    @Argument(index = 0, name = "name", description = "Script name", required = true)
    @Completion(ScriptNameCompleter.class)
    String name;

    @Argument(index = 1, name = "version", description = "Version number to activate", required = true)
    int version;

    @Reference
    ScriptStore store;

    @Override
    public Object execute() {
        ScriptVersion v = store.rollback(name, version).orElseThrow(() ->
                new IllegalArgumentException("Script '" + name + "' has no version " + version));
        System.out.println("Script '" + name + "' now runs version " + v.version());
        return null;
    }
}
