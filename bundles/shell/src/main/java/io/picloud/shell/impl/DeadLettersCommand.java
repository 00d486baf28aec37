package io.picloud.shell.impl;

import io.picloud.api.control.Principal;
import io.picloud.api.control.RunService;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Lists dead letters (runs whose last attempt failed), newest first. */
@Service
@Command(scope = "picloud", name = "dead-letters", description = "Lists dead letters, newest first")
public class DeadLettersCommand extends ControlCommand {
    @Option(name = "--script", aliases = "-s", description = "Only this script's dead letters")
    @Completion(ScriptNameCompleter.class)
    String script;

    @Option(name = "--pending", description = "Only those not replayed yet")
    boolean pending;

    @Option(name = "--limit", aliases = "-n", description = "How many to show (default 20, at most 500)")
    int limit = 20;

    @Reference
    RunService runs;

    @Override
    void run(Principal p) {
        RunsCommand.print(runs.deadLetters(p, script, pending ? Boolean.FALSE : null, 0,
                Math.max(1, Math.min(limit, RunService.MAX_LIMIT))));
    }
}
