package io.picloud.shell.impl;

import java.util.Collection;

import io.picloud.api.control.BindingService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes trigger binding ids. */
@Service
public class BindingIdCompleter extends ControlCompleter {
    @Reference
    BindingService bindings;

    @Override
    Collection<String> values(Principal p) {
        return bindings.list(p).stream().map(b -> b.id()).toList();
    }
}
