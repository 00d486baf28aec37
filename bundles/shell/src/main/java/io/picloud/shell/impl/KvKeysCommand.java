package io.picloud.shell.impl;

import io.picloud.api.KvStore;
import io.picloud.api.control.KvService;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists the keys of a kv namespace, by key, with their values shortened and their expiry. */
@Service
@Command(scope = "picloud", name = "kv-keys", description = "Lists the keys of a script's kv namespace")
public class KvKeysCommand extends ControlCommand {
    static final int VALUE_WIDTH = 60;

    @Argument(index = 0, name = "namespace", description = "The kv namespace (a script's name, or a shared namespace)",
            required = true)
    @org.apache.karaf.shell.api.action.Completion(ScriptNameCompleter.class)
    String namespace;

    @Argument(index = 1, name = "prefix", description = "Only keys starting with this (default: all)")
    String prefix = "";

    @Option(name = "-n", aliases = "--limit", description = "At most this many keys (1 to 1000, default 100)")
    int limit = 100;

    @Reference
    KvService kv;

    @Override
    void run(Principal p) {
        ShellTable table = new ShellTable();
        table.column("Key");
        table.column("Value");
        table.column("Expires");
        for (KvStore.Entry e : kv.list(p, namespace, prefix, limit)) {
            String value = e.json().length() > VALUE_WIDTH ? e.json().substring(0, VALUE_WIDTH - 3) + "..." : e.json();
            table.addRow().addContent(e.key(), value, e.expiresAt() == null ? "" : Text.time(e.expiresAt()));
        }
        table.print(System.out);
    }
}
