package io.picloud.shell.impl;

import io.picloud.api.BindingStore;
import io.picloud.api.StoredBinding;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Enables a trigger binding. */
@Service
@Command(scope = "picloud", name = "trigger-enable", description = "Enables a trigger binding")
public class TriggerEnableCommand implements Action {
    @Argument(index = 0, name = "id", description = "Binding id (see picloud:trigger-list)", required = true)
    @Completion(BindingIdCompleter.class)
    String id;

    @Reference
    BindingStore bindings;

    @Override
    public Object execute() {
        StoredBinding b = bindings.find(id).orElseThrow(() -> new IllegalArgumentException("No trigger binding '" + id + "'"));
        if (b.enabled() != true) {
            bindings.save(new StoredBinding(b.id(), b.type(), b.script(), b.config(), true, b.lastFired()));
        }
        System.out.println("Trigger binding " + id + " is enabled");
        return null;
    }
}
