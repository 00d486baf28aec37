package io.picloud.shell.impl;

import java.util.List;

import io.picloud.api.control.BindingService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Binds a script to an installed trigger type; the service validates the configuration with the type. */
@Service
@Command(scope = "picloud", name = "trigger-add", description = "Binds a script to a trigger type: picloud:trigger-add cron nightly 'schedule=0 3 * * *'")
public class TriggerAddCommand extends ControlCommand {
    @Argument(index = 0, name = "type", description = "Installed trigger type id (see picloud:trigger-types)", required = true)
    @Completion(TriggerTypeCompleter.class)
    String type;

    @Argument(index = 1, name = "script", description = "Name of the deployed script to run", required = true)
    @Completion(ScriptNameCompleter.class)
    String script;

    @Argument(index = 2, name = "key=value", description = "Configuration fields; JSON values (numbers, true, \"text\", {...}) are parsed", multiValued = true)
    List<String> pairs;

    @Option(name = "--config", aliases = "-c", description = "The whole configuration as a JSON object; key=value pairs override its fields")
    String json;

    @Option(name = "--disabled", description = "Store the binding switched off")
    boolean disabled;

    @Reference
    BindingService bindings;

    @Override
    void run(Principal p) {
        BindingService.BindingView saved = bindings.create(p, type, script, TriggerShell.config(json, pairs), !disabled);
        System.out.println("Added trigger binding " + saved.id() + " (" + saved.type() + " -> " + saved.script()
                + (saved.enabled() ? "" : ", disabled") + ")");
    }
}
