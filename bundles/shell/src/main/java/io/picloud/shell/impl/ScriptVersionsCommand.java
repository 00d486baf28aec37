package io.picloud.shell.impl;

import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptVersion;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.List;

/** Lists the versions of a script, newest first, marking the active one. */
@Service
@Command(scope = "picloud", name = "script-versions", description = "Lists the versions of a script, newest first")
public class ScriptVersionsCommand implements Action {
    @Argument(index = 0, name = "name", description = "Script name", required = true)
    @Completion(ScriptNameCompleter.class)
    String name;

    @Reference
    ScriptStore store;

    @Override
    public Object execute() {
        List<ScriptVersion> versions = store.versions(name);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("No script named '" + name + "'");
        }
        int active = store.active(name).map(ScriptVersion::version).orElse(-1);
        ShellTable table = new ShellTable();
        table.column("Version").alignRight();
        table.column("Active");
        table.column("Hash");
        table.column("Created");
        for (ScriptVersion v : versions) {
            table.addRow().addContent(v.version(), v.version() == active ? "*" : "", Text.shortHash(v.hash()),
                    Text.time(v.createdAt()));
        }
        table.print(System.out);
        return null;
    }
}
