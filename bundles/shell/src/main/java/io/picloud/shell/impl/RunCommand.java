package io.picloud.shell.impl;

import io.picloud.api.Run;
import io.picloud.api.control.Principal;
import io.picloud.api.control.RunService;
import io.picloud.rhai.json.RhaiJson;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Shows one queued run: where it stands, its payload, value or error, output and every attempt. */
@Service
@Command(scope = "picloud", name = "run", description = "Shows a queued run with its payload and every attempt")
public class RunCommand extends ControlCommand {
    @Argument(index = 0, name = "id", description = "The run's id", required = true)
    long id;

    @Reference
    RunService runs;

    @Override
    void run(Principal p) {
        print(runs.get(p, id));
    }

    static void print(Run r) {
        System.out.println("run       " + r.id() + " of " + r.script() + " (" + r.trigger()
                + (r.source() == null ? "" : " " + r.source()) + ")");
        System.out.println("status    " + r.status() + ", attempt " + r.attempts() + " of " + r.maxAttempts()
                + (r.nextAttemptAt() != null && !r.finished() ? ", next at " + Text.time(r.nextAttemptAt()) : ""));
        System.out.println("created   " + Text.time(r.createdAt()) + (r.submittedBy() == null ? ""
                : " by " + r.submittedBy()));
        if (r.finishedAt() != null) {
            System.out.println("finished  " + Text.time(r.finishedAt()));
        }
        if (r.replayOf() != null) {
            System.out.println("replays   dead letter " + r.replayOf());
        }
        if (r.replayedAs() != null) {
            System.out.println("replayed  as run " + r.replayedAs());
        }
        System.out.println("payload   " + RhaiJson.toJson(r.payload()));
        if (Run.SUCCEEDED.equals(r.status())) {
            System.out.println("result    " + (r.result() == null ? "()" : RhaiJson.toJson(r.result())));
        }
        if (r.error() != null) {
            System.out.println("error     " + where(r.error()) + RunsCommand.error(r.error()));
        }
        for (String line : r.output() == null ? java.util.List.<String>of() : r.output()) {
            System.out.println("output    " + line);
        }
        for (Run.RunAttempt a : r.history() == null ? java.util.List.<Run.RunAttempt>of() : r.history()) {
            System.out.println("attempt " + a.attempt() + " " + Text.orEmpty(a.outcome()) + " on "
                    + Text.orEmpty(a.node()) + " " + Text.time(a.startedAt()) + " - " + Text.time(a.finishedAt())
                    + (a.error() == null ? "" : "  " + where(a.error()) + RunsCommand.error(a.error())));
        }
    }

    private static String where(Run.RunError e) {
        return e.line() > 0 ? "[" + e.line() + ":" + e.column() + "] " : "";
    }
}
