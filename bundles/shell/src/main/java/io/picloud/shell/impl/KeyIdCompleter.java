package io.picloud.shell.impl;

import java.util.Collection;

import io.picloud.api.control.ApiKeyService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes the ids of the API keys the shell user may see that are not revoked. */
@Service
public class KeyIdCompleter extends ControlCompleter {
    @Reference
    ApiKeyService keys;

    @Override
    Collection<String> values(Principal p) {
        return keys.list(p).stream().filter(k -> !k.revoked()).map(k -> Long.toString(k.id())).toList();
    }
}
