package io.picloud.shell.impl;

import java.util.List;

import io.picloud.api.Run;
import io.picloud.api.control.Principal;
import io.picloud.api.control.RunService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists queued runs (async runs and trigger firings), newest first. */
@Service
@Command(scope = "picloud", name = "runs", description = "Lists queued runs, newest first")
public class RunsCommand extends ControlCommand {
    @Option(name = "--script", aliases = "-s", description = "Only this script's runs")
    @Completion(ScriptNameCompleter.class)
    String script;

    @Option(name = "--status", description = "Only runs in this status: queued, running, failed, succeeded or dead")
    String status;

    @Option(name = "--limit", aliases = "-n", description = "How many to show (default 20, at most 500)")
    int limit = 20;

    @Reference
    RunService runs;

    @Override
    void run(Principal p) {
        print(runs.list(p, script, status, 0, Math.max(1, Math.min(limit, RunService.MAX_LIMIT))));
    }

    /** The table of runs that picloud:runs and picloud:dead-letters print. */
    static void print(List<Run> list) {
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Script");
        table.column("Trigger");
        table.column("Status");
        table.column("Attempts").alignRight();
        table.column("Created");
        table.column("Finished");
        table.column("Error").maxSize(60);
        for (Run r : list) {
            table.addRow().addContent(r.id(), r.script(), r.trigger(), r.status(),
                    r.attempts() + "/" + r.maxAttempts(), Text.time(r.createdAt()), Text.time(r.finishedAt()),
                    error(r.error()));
        }
        table.print(System.out);
    }

    static String error(Run.RunError e) {
        return e == null ? "" : e.kind() + ": " + e.message();
    }
}
