package io.picloud.shell.impl;

import io.picloud.api.BindingStore;
import io.picloud.api.StoredBinding;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Disables a trigger binding. */
@Service
@Command(scope = "picloud", name = "trigger-disable", description = "Disables a trigger binding")
public class TriggerDisableCommand implements Action {
    @Argument(index = 0, name = "id", description = "Binding id (see picloud:trigger-list)", required = true)
    @Completion(BindingIdCompleter.class)
    String id;

    @Reference
    BindingStore bindings;

    @Override
    public Object execute() {
        StoredBinding b = bindings.find(id).orElseThrow(() -> new IllegalArgumentException("No trigger binding '" + id + "'"));
        if (b.enabled() != false) {
            bindings.save(new StoredBinding(b.id(), b.type(), b.script(), b.config(), false, b.lastFired()));
        }
        System.out.println("Trigger binding " + id + " is disabled");
        return null;
    }
}
