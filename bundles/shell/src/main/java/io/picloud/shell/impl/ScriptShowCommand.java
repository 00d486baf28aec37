package io.picloud.shell.impl;

import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptVersion;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Shows the active version of a script and its source. */
@Service
@Command(scope = "picloud", name = "script-show", description = "Shows the active version of a script and its source")
public class ScriptShowCommand implements Action {
    @Argument(index = 0, name = "name", description = "Script name", required = true)
    @Completion(ScriptNameCompleter.class)
    String name;

    @Reference
    ScriptStore store;

    @Override
    public Object execute() {
        ScriptVersion v = store.active(name)
                .orElseThrow(() -> new IllegalArgumentException("No script named '" + name + "'"));
        System.out.println("name     " + v.name());
        System.out.println("version  " + v.version());
        System.out.println("hash     " + v.hash());
        System.out.println("created  " + Text.time(v.createdAt()));
        System.out.println();
        System.out.println(v.source());
        return null;
    }
}
