package io.picloud.shell.impl;

import io.picloud.api.ScriptSummary;
import io.picloud.api.control.Principal;
import io.picloud.api.control.ScriptService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists deployed scripts. */
@Service
@Command(scope = "picloud", name = "script-list", description = "Lists deployed scripts with their versions, owner and access")
public class ScriptListCommand extends ControlCommand {
    @Reference
    ScriptService scripts;

    @Override
    void run(Principal p) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Active").alignRight();
        table.column("Latest").alignRight();
        table.column("Hash");
        table.column("Updated");
        table.column("Owner");
        table.column("Access");
        for (ScriptSummary s : scripts.list(p)) {
            table.addRow().addContent(s.name(), s.activeVersion(), s.latestVersion(), Text.shortHash(s.activeHash()),
                    Text.time(s.updatedAt()), Text.orEmpty(s.owner()), s.access() == null ? "" : s.access().id());
        }
        table.print(System.out);
    }
}
