package io.picloud.shell.impl;

import java.util.List;

import io.picloud.api.BindingStore;
import io.picloud.api.StoredBinding;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes trigger binding ids. */
@Service
public class BindingIdCompleter implements Completer {
    @Reference
    BindingStore bindings;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        try {
            for (StoredBinding b : bindings.list()) {
                delegate.getStrings().add(b.id());
            }
        } catch (RuntimeException e) {
            return -1; // store unavailable: no completion rather than an error while typing
        }
        return delegate.complete(session, commandLine, candidates);
    }
}
