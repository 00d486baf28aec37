package io.picloud.shell.impl;

import java.util.Collection;

import io.picloud.api.control.UserService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes PiCloud usernames. */
@Service
public class UserNameCompleter extends ControlCompleter {
    @Reference
    UserService users;

    @Override
    Collection<String> values(Principal p) {
        return users.list(p).stream().map(u -> u.username()).toList();
    }
}
