package io.picloud.shell.impl;

import java.util.List;

import io.picloud.api.ScriptVersion;
import io.picloud.api.control.Principal;
import io.picloud.api.control.ScriptService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists the versions of a script, newest first, marking the active one. */
@Service
@Command(scope = "picloud", name = "script-versions", description = "Lists the versions of a script, newest first")
public class ScriptVersionsCommand extends ControlCommand {
    @Argument(index = 0, name = "name", description = "Script name", required = true)
    @Completion(ScriptNameCompleter.class)
    String name;

    @Reference
    ScriptService scripts;

    @Override
    void run(Principal p) {
        List<ScriptVersion> versions = scripts.versions(p, name);
        int active = scripts.get(p, name).summary().activeVersion();
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
    }
}
