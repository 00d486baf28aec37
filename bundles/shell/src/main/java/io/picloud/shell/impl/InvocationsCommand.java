package io.picloud.shell.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.picloud.api.InvocationRecord;
import io.picloud.api.ScriptSummary;
import io.picloud.api.control.OperationException;
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
        for (InvocationRecord r : name != null ? scripts.invocations(p, name, n, 0) : everyScript(p, n)) {
            String error = r.errorKind() == null ? "" : r.errorKind() + ": " + r.errorMessage();
            table.addRow().addContent(Text.time(r.start()), r.script(), r.version(), r.trigger(), r.status(),
                    r.durationMicros(), r.operations(), error);
        }
        table.print(System.out);
    }

    /** The service answers per script: the newest {@code n} of each, merged. */
    private List<InvocationRecord> everyScript(Principal p, int n) {
        List<InvocationRecord> all = new ArrayList<>();
        for (ScriptSummary s : scripts.list(p)) {
            try {
                all.addAll(scripts.invocations(p, s.name(), n, 0));
            } catch (OperationException e) {
                if (e.kind() != OperationException.Kind.NOT_FOUND) {
                    throw e;
                }
                // deleted since it was listed
            }
        }
        all.sort(Comparator.comparing(InvocationRecord::start, Comparator.nullsLast(Comparator.reverseOrder())));
        return all.size() > n ? all.subList(0, n) : all;
    }
}
