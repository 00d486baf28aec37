package io.picloud.shell.impl;

import java.util.List;

import io.picloud.trigger.api.TriggerType;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the ids of the installed trigger types. */
@Service
public class TriggerTypeCompleter implements Completer {
    @Reference(optional = true)
    List<TriggerType> types;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        delegate.getStrings().addAll(TriggerShell.byId(types).keySet());
        return delegate.complete(session, commandLine, candidates);
    }
}
