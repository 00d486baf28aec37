package io.picloud.shell.impl;

import java.util.List;
import java.util.Map;

import io.picloud.api.BindingStore;
import io.picloud.api.ScriptStore;
import io.picloud.api.StoredBinding;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerType;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Binds a script to an installed trigger type, validating the configuration with the type first. */
@Service
@Command(scope = "picloud", name = "trigger-add", description = "Binds a script to a trigger type: picloud:trigger-add cron nightly 'schedule=0 3 * * *'")
public class TriggerAddCommand implements Action {
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
    BindingStore bindings;

    @Reference
    ScriptStore scripts;

    @Reference(optional = true)
    List<TriggerType> types;

    @Override
    public Object execute() {
        TriggerType t = TriggerShell.byId(types).get(type);
        if (t == null) {
            throw new IllegalArgumentException("No trigger type '" + type + "' is installed; installed: "
                    + TriggerShell.byId(types).keySet());
        }
        Text.requireValidName(script);
        if (scripts.active(script).isEmpty()) {
            throw new IllegalArgumentException("No script named '" + script + "' is deployed");
        }
        Map<String, Object> config = TriggerShell.config(json, pairs);
        try {
            t.validate(config, new OtherBindings(bindings, type));
        } catch (TriggerConfigException e) {
            throw new IllegalArgumentException(TriggerShell.invalid(type, e));
        } catch (TriggerException e) {
            throw new IllegalStateException("The " + type + " binding cannot be checked now: " + e.getMessage());
        }
        StoredBinding saved = bindings.save(new StoredBinding(null, type, script, config, !disabled, null));
        System.out.println("Added trigger binding " + saved.id() + " (" + type + " -> " + script
                + (disabled ? ", disabled" : "") + ")");
        return null;
    }
}
