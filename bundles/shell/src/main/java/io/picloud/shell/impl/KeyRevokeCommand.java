package io.picloud.shell.impl;

import io.picloud.api.control.ApiKeyService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Revokes an API key: refused on every node within a second. */
@Service
@Command(scope = "picloud", name = "key-revoke", description = "Revokes an API key")
public class KeyRevokeCommand extends ControlCommand {
    @Argument(index = 0, name = "id", description = "The key's id (see picloud:key-list)", required = true)
    @Completion(KeyIdCompleter.class)
    long id;

    @Reference
    ApiKeyService keys;

    @Override
    void run(Principal p) {
        keys.revoke(p, id);
        System.out.println("Revoked API key " + id);
    }
}
