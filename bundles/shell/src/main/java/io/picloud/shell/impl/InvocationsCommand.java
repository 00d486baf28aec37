package io.picloud.shell.impl;

import io.picloud.api.InvocationRecord;
import io.picloud.api.control.Principal;
import io.picloud.api.control.ScriptService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists recent invocations, newest first: of one script, or of every script. */
@Service
@Command(scope = "picloud", name = "invocations", description = "Lists recent invocations, newest first")
public class InvocationsCommand extends ControlCommand {
    @Argument(index = 0, name = "name", description = "Only this script's invocations", required = false)
    @Completion(ScriptNameCompleter.class)
    String name;

    @Option(name = "--limit", aliases = "-n", description = "How many to show (default 20)")
    int limit = 20;

    @Reference
    ScriptService scripts;

    @Override
    void run(Principal p) {
        int n = Math.max(1, limit);
        ShellTable table = new ShellTable();
        table.column("Start");
        table.column("Script");
        table.column("Version").alignRight();
        table.column("Trigger");
        table.column("Status");
        table.column("Micros").alignRight();
        table.column("Ops").alignRight();
        table.column("Error").maxSize(60);
        for (InvocationRecord r : scripts.invocations(p, name, n, 0)) {
            String error = r.errorKind() == null ? "" : r.errorKind() + ": " + r.errorMessage();
            table.addRow().addContent(Text.time(r.start()), r.script(), r.version(), r.trigger(), r.status(),
                    r.durationMicros(), r.operations(), error);
        }
        table.print(System.out);
    }
}
