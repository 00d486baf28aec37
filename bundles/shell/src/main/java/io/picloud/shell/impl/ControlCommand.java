package io.picloud.shell.impl;

import io.picloud.api.StoreUnavailableException;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.api.control.ShellPrincipals;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;

/**
 * Base of the commands over the control-plane services: each runs with the principal of the shell user
 * ({@link ShellUser}), and the services' refusals, the database being away and bad shell input become console
 * messages ({@link Failures}) instead of stack traces. Authorisation, validation and auditing are the services'.
 */
abstract class ControlCommand implements Action {
    @Reference
    ShellPrincipals principals;

    @Reference
    Session session;

    @Override
    public final Object execute() throws Exception {
        try {
            run(ShellUser.principal(principals, session));
            return null;
        } catch (OperationException e) {
            throw new CommandException(describe(e));
        } catch (StoreUnavailableException e) {
            throw Failures.of(e);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage()); // our own parsing of arguments, e.g. key=value pairs
        }
    }

    /** Runs the command for {@code p}, printing to {@code System.out} (Karaf's console for this command). */
    abstract void run(Principal p) throws Exception;

    /** The console message of a refusal; commands may say more for their own codes. */
    String describe(OperationException e) {
        return Failures.message(e);
    }
}
