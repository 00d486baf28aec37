package io.picloud.shell.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.picloud.api.AuditEntry;
import io.picloud.api.Role;
import org.apache.karaf.shell.impl.action.command.DefaultActionPreparator;
import org.junit.Test;

public class KeyAndAuditCommandsTest {
    private final Fakes.Principals principals = new Fakes.Principals();
    private final Fakes.FakeSession session = new Fakes.FakeSession();
    private final Fakes.Keys keys = new Fakes.Keys();

    private KeyCreateCommand create(String... words) throws Exception {
        KeyCreateCommand c = Fakes.wire(new KeyCreateCommand(), principals, session);
        c.keys = keys;
        new DefaultActionPreparator().prepare(c, null, new ArrayList<>(Arrays.asList((Object[]) words)));
        return c;
    }

    @Test
    public void createPassesRoleExpiryAndScriptsAndPrintsTheKeyOnce() throws Exception {
        Fakes.Run run = Fakes.run(create("--script", "a", "ci", "--role", "viewer", "--expires",
                "2027-01-01T00:00:00Z", "--script", "b"));
        assertNull(run.message());
        Object[] call = keys.created.get(0);
        assertEquals("ci", call[0]);
        assertEquals(Role.VIEWER, call[1]);
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), call[2]);
        assertEquals(Set.of("a", "b"), call[3]);
        assertEquals(1, run.out().split("pc_ab12secret", -1).length - 1);
        assertTrue(run.out(), run.out().contains("shown this once"));
    }

    @Test
    public void withoutOptionsTheKeyHasTheUsersRole() throws Exception {
        assertNull(Fakes.run(create("laptop")).message());
        assertNull(keys.created.get(0)[1]);
        assertEquals(Set.of(), keys.created.get(0)[3]);
    }

    @Test
    public void aBadExpiryIsRefusedBeforeTheService() throws Exception {
        assertEquals("Invalid --expires 'tomorrow': use an ISO-8601 instant such as 2027-01-01T00:00:00Z",
                Fakes.run(create("ci", "--expires", "tomorrow")).message());
        assertEquals("Option --role needs a value", Fakes.run(create("ci", "--role")).message());
        assertTrue(keys.created.isEmpty());
    }

    @Test
    public void listAndRevoke() throws Exception {
        Fakes.run(create("ci"));
        KeyListCommand list = Fakes.wire(new KeyListCommand(), principals, session);
        list.keys = keys;
        String out = Fakes.run(list).out();
        assertTrue(out, out.contains("pc_ab12"));
        assertTrue(out, !out.contains("secret"));

        KeyRevokeCommand revoke = Fakes.wire(new KeyRevokeCommand(), principals, session);
        revoke.keys = keys;
        revoke.id = 1;
        assertEquals("Revoked API key 1\n", Fakes.run(revoke).out());
        revoke.id = 9;
        assertEquals("No API key with id 9", Fakes.run(revoke).message());
        assertEquals(List.of(1L), keys.revoked);
    }

    @Test
    public void auditPassesTheFiltersAndIsRefusedToDevelopers() {
        Fakes.Audit audit = new Fakes.Audit();
        audit.entries.add(new AuditEntry(5, Instant.EPOCH, "shell:karaf", 0, "script.deploy", "hello", "shell",
                "ok", "version 1"));
        AuditCommand c = Fakes.wire(new AuditCommand(), principals, session);
        c.audit = audit;
        c.actor = "shell:karaf";
        c.action = "script.deploy";
        c.limit = 0;
        String out = Fakes.run(c).out();
        assertTrue(out, out.contains("version 1"));
        assertEquals(Arrays.asList("shell:karaf", "script.deploy", null, null, 1),
                Arrays.asList(audit.queries.get(0)).subList(1, 6));

        principals.role = Role.DEVELOPER;
        assertEquals("Not allowed: only admins and owners read the audit log", Fakes.run(c).message());
    }
}
