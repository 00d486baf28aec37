package io.picloud.shell.impl;

import java.util.Collection;

import io.picloud.api.control.BindingService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes the ids of the installed trigger types. */
@Service
public class TriggerTypeCompleter extends ControlCompleter {
    @Reference
    BindingService bindings;

    @Override
    Collection<String> values(Principal p) {
        return bindings.types(p).stream().map(t -> t.id()).toList();
    }
}
