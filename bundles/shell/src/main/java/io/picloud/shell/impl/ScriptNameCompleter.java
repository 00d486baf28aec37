package io.picloud.shell.impl;

import java.util.Collection;

import io.picloud.api.control.ScriptService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes the names of deployed scripts. */
@Service
public class ScriptNameCompleter extends ControlCompleter {
    @Reference
    ScriptService scripts;

    @Override
    Collection<String> values(Principal p) {
        return scripts.list(p).stream().map(s -> s.name()).toList();
    }
}
