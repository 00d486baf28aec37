package io.picloud.shell.impl;

import io.picloud.api.control.BindingService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Enables a trigger binding. */
@Service
@Command(scope = "picloud", name = "trigger-enable", description = "Enables a trigger binding")
public class TriggerEnableCommand extends ControlCommand {
    @Argument(index = 0, name = "id", description = "Binding id (see picloud:trigger-list)", required = true)
    @Completion(BindingIdCompleter.class)
    String id;

    @Reference
    BindingService bindings;

    @Override
    void run(Principal p) {
        bindings.setEnabled(p, id, true);
        System.out.println("Trigger binding " + id + " is enabled");
    }
}
