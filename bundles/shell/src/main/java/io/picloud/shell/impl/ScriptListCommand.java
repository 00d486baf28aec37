package io.picloud.shell.impl;

import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptSummary;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists deployed scripts. */
@Service
@Command(scope = "picloud", name = "script-list", description = "Lists deployed scripts with their active and latest versions")
public class ScriptListCommand implements Action {
    @Reference
    ScriptStore store;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Active").alignRight();
        table.column("Latest").alignRight();
        table.column("Hash");
        table.column("Updated");
        for (ScriptSummary s : store.list()) {
            table.addRow().addContent(s.name(), s.activeVersion(), s.latestVersion(), Text.shortHash(s.activeHash()),
                    Text.time(s.updatedAt()));
        }
        table.print(System.out);
        return null;
    }
}
