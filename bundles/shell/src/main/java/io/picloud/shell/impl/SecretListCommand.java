package io.picloud.shell.impl;

import io.picloud.api.SecretStore;
import io.picloud.api.control.Principal;
import io.picloud.api.control.SecretService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** A script's secrets: names and update times, never values. */
@Service
@Command(scope = "picloud", name = "secrets", description = "Lists a script's secrets (names and update times only)")
public class SecretListCommand extends ControlCommand {
    @Argument(index = 0, name = "script", description = "The script", required = true)
    @org.apache.karaf.shell.api.action.Completion(ScriptNameCompleter.class)
    String script;

    @Reference
    SecretService secrets;

    @Override
    void run(Principal p) {
        for (SecretStore.SecretInfo s : secrets.list(p, script)) {
            System.out.println(s.name() + "  " + Text.time(s.updatedAt()));
        }
    }
}
