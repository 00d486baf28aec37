package io.picloud.shell.impl;

import java.util.Collection;
import java.util.List;

import io.picloud.api.control.Principal;
import io.picloud.api.control.ShellPrincipals;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Base of the completers over the control-plane services: candidates as the shell user may see them. A refusal or
 * an unreachable database gives no completion rather than an error while typing.
 */
abstract class ControlCompleter implements Completer {
    @Reference
    ShellPrincipals principals;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        try {
            delegate.getStrings().addAll(values(ShellUser.principal(principals, session)));
        } catch (RuntimeException e) {
            return -1;
        }
        return delegate.complete(session, commandLine, candidates);
    }

    /** The candidates for {@code p}. */
    abstract Collection<String> values(Principal p);
}
