package io.picloud.shell.impl;

import io.picloud.api.BindingStore;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Deletes a trigger binding. */
@Service
@Command(scope = "picloud", name = "trigger-remove", description = "Deletes a trigger binding")
public class TriggerRemoveCommand implements Action {
    @Argument(index = 0, name = "id", description = "Binding id (see picloud:trigger-list)", required = true)
    @Completion(BindingIdCompleter.class)
    String id;

    @Reference
    BindingStore bindings;

    @Override
    public Object execute() {
        if (!bindings.delete(id)) {
            throw new IllegalArgumentException("No trigger binding '" + id + "'");
        }
        System.out.println("Removed trigger binding " + id);
        return null;
    }
}
