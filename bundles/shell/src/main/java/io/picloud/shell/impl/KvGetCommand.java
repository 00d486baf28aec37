package io.picloud.shell.impl;

import io.picloud.api.KvStore;
import io.picloud.api.control.KvService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Shows one entry of a kv namespace: its JSON value, expiry and last change. */
@Service
@Command(scope = "picloud", name = "kv-get", description = "Shows the value of a key in a script's kv namespace")
public class KvGetCommand extends ControlCommand {
    @Argument(index = 0, name = "namespace", description = "The kv namespace (a script's name, or a shared namespace)",
            required = true)
    @org.apache.karaf.shell.api.action.Completion(ScriptNameCompleter.class)
    String namespace;

    @Argument(index = 1, name = "key", description = "The key", required = true)
    String key;

    @Reference
    KvService kv;

    @Override
    void run(Principal p) {
        KvStore.Entry e = kv.get(p, namespace, key);
        System.out.println(e.json());
        System.out.println("expires  " + (e.expiresAt() == null ? "never" : Text.time(e.expiresAt())));
        System.out.println("updated  " + Text.time(e.updatedAt()));
    }
}
