package io.picloud.shell.impl;

import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptSummary;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import java.util.List;

/** Completes the names of deployed scripts. */
@Service
public class ScriptNameCompleter implements Completer {
    @Reference
    ScriptStore store;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        try {
            for (ScriptSummary s : store.list()) {
                delegate.getStrings().add(s.name());
            }
        } catch (RuntimeException e) {
            return -1; // store unavailable: no completion rather than an error while typing
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
