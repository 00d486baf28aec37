package io.picloud.shell.impl;

import io.picloud.api.control.Principal;
import io.picloud.api.control.SecretService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Sets or replaces a secret of a script. The value is asked for without echo, never taken as an argument: an
 * argument would stay in the shell's history.
 */
@Service
@Command(scope = "picloud", name = "secret-set", description = "Sets a script's secret; the value is asked for, "
        + "not echoed")
public class SecretSetCommand extends ControlCommand {
    @Argument(index = 0, name = "script", description = "The script", required = true)
    @org.apache.karaf.shell.api.action.Completion(ScriptNameCompleter.class)
    String script;

    @Argument(index = 1, name = "name", description = "The secret's name: A-Z, 0-9 and _", required = true)
    String name;

    @Reference
    SecretService secrets;

    @Override
    void run(Principal p) throws Exception {
        String value = session.readLine("Value of " + name + ": ", '*');
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("no value given; nothing changed");
        }
        boolean created = secrets.put(p, script, name, value);
        System.out.println((created ? "Set " : "Replaced ") + name + " of " + script);
    }
}
