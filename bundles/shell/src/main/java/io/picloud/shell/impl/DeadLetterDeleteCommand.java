package io.picloud.shell.impl;

import io.picloud.api.control.Principal;
import io.picloud.api.control.RunService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Removes a dead letter. */
@Service
@Command(scope = "picloud", name = "dead-letter-delete", description = "Removes a dead letter")
public class DeadLetterDeleteCommand extends ControlCommand {
    @Argument(index = 0, name = "id", description = "The dead letter's id", required = true)
    long id;

    @Reference
    RunService runs;

    @Override
    void run(Principal p) {
        runs.delete(p, id);
        System.out.println("Dead letter " + id + " removed");
    }
}
