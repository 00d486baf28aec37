package io.picloud.shell.impl;

import io.picloud.api.AuditEntry;
import io.picloud.api.control.AuditLog;
import io.picloud.api.control.Principal;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** The audit log of control-plane changes, newest first (admins and owners). */
@Service
@Command(scope = "picloud", name = "audit", description = "Shows the audit log of control-plane changes, newest first")
public class AuditCommand extends ControlCommand {
    @Option(name = "--actor", description = "Only this actor: a username, or shell:<user>")
    @Completion(UserNameCompleter.class)
    String actor;

    @Option(name = "--action", description = "Only this action, e.g. script.deploy, user.create, session.login")
    String action;

    @Option(name = "--target", description = "Only this target, e.g. a script name or user:7")
    String target;

    @Option(name = "--before", description = "Only entries older than this entry id (to page back)")
    Long before;

    @Option(name = "--limit", aliases = "-n", description = "How many to show (default 50)")
    int limit = 50;

    @Reference
    AuditLog audit;

    @Override
    void run(Principal p) {
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Time");
        table.column("Actor");
        table.column("Key").alignRight();
        table.column("Action");
        table.column("Target");
        table.column("Address");
        table.column("Outcome");
        table.column("Detail").maxSize(60);
        for (AuditEntry e : audit.query(p, actor, action, target, before, Math.max(1, limit))) {
            table.addRow().addContent(e.id(), Text.time(e.time()), e.actor(), e.keyId() == 0 ? "" : e.keyId(),
                    e.action(), Text.orEmpty(e.target()), Text.orEmpty(e.address()), e.outcome(),
                    Text.orEmpty(e.detail()));
        }
        table.print(System.out);
    }
}
