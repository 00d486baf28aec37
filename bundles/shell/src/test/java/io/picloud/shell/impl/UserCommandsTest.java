package io.picloud.shell.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.picloud.api.Role;
import io.picloud.api.control.OperationException;
import org.apache.karaf.shell.impl.action.command.DefaultActionPreparator;
import org.junit.Test;

public class UserCommandsTest {
    private final Fakes.Principals principals = new Fakes.Principals();
    private final Fakes.FakeSession session = new Fakes.FakeSession();
    private final Fakes.Users users = new Fakes.Users();

    private UserAddCommand add(String username, String role) {
        UserAddCommand c = Fakes.wire(new UserAddCommand(), principals, session);
        c.users = users;
        c.username = username;
        c.role = role;
        return c;
    }

    /** Parses a command line as Karaf does. */
    private static <A extends org.apache.karaf.shell.api.action.Action> A parsed(A action, String... words)
            throws Exception {
        new DefaultActionPreparator().prepare(action, null, new ArrayList<>(Arrays.asList((Object[]) words)));
        return action;
    }

    @Test
    public void addPassesTheRoleWithoutAPassword() {
        Fakes.Run run = Fakes.run(add("carol", "Developer"));
        assertNull(run.message());
        assertEquals(List.of("create carol developer"), users.calls);
        assertEquals(java.util.Collections.singletonList(null), users.passwords);
        assertTrue(run.out(), run.out().startsWith("Created user carol (developer, id 1); no password"));
    }

    @Test
    public void passwordAfterTheArgumentsPromptsTwiceWithAMask() throws Exception {
        UserAddCommand c = parsed(add(null, null), "carol", "viewer", "--password");
        assertEquals("carol", c.username);
        session.answers.addAll(List.of("a long passphrase", "a long passphrase"));
        Fakes.Run run = Fakes.run(c);
        assertNull(run.message());
        assertEquals(List.of("a long passphrase"), users.passwords);
        assertEquals(List.of('*', '*'), session.masks);
        assertEquals("Password for carol: ", session.prompts.get(0));
        assertTrue(run.out(), run.out().equals("Created user carol (viewer, id 1)\n"));
    }

    @Test
    public void passwordsThatDifferCreateNothing() {
        UserAddCommand c = add("carol", "viewer");
        c.prompt = true;
        session.answers.addAll(List.of("a long passphrase", "another one"));
        assertEquals("The passwords differ; nothing created", Fakes.run(c).message());
        assertTrue(users.calls.isEmpty());
    }

    @Test
    public void passwordFromStandardInput() throws Exception {
        UserAddCommand c = parsed(add(null, null), "--password-stdin", "dave", "admin");
        c.in = new ByteArrayInputStream("from stdin 123\nrest\n".getBytes(StandardCharsets.UTF_8));
        assertNull(Fakes.run(c).message());
        assertEquals(List.of("create dave admin"), users.calls);
        assertEquals(List.of("from stdin 123"), users.passwords);
    }

    @Test
    public void unknownRolesAndOptionsAreRefusedBeforeTheService() throws Exception {
        assertEquals("Unknown role 'boss': use owner, admin, developer, viewer", Fakes.run(add("x", "boss")).message());
        UserAddCommand c = parsed(add(null, null), "x", "viewer", "--pasword");
        assertEquals("Unknown option --pasword", Fakes.run(c).message());
        assertTrue(users.calls.isEmpty());
    }

    @Test
    public void aRefusedCreateShowsTheServicesMessage() {
        principals.role = Role.ADMIN;
        users.refusal = OperationException.forbidden("only owners manage admins and owners");
        Fakes.Run run = Fakes.run(add("eve", "owner"));
        assertEquals("Not allowed: only owners manage admins and owners", run.message());
        assertTrue(users.users.isEmpty());
        users.refusal = OperationException.invalid("password", "the password is too common");
        assertEquals("Invalid password: the password is too common", Fakes.run(add("eve", "viewer")).message());
    }

    @Test
    public void roleChangesOfAdminsAndOwnersArePrivileged() {
        users.add("owner1", Role.OWNER);
        users.add("adm", Role.ADMIN);
        users.add("dev", Role.DEVELOPER);
        UserRoleCommand c = Fakes.wire(new UserRoleCommand(), principals, session);
        c.users = users;
        c.username = "adm";
        c.role = "developer";
        assertEquals("User adm is now developer (was admin)\n", Fakes.run(c).out());
        c.username = "dev";
        c.role = "viewer";
        assertEquals("User dev is now viewer (was developer)\n", Fakes.run(c).out());
        assertEquals(List.of("updatePrivileged 2 DEVELOPER null", "update 3 VIEWER null"), users.calls);

        c.username = "nobody";
        assertEquals("No user named nobody", Fakes.run(c).message());
    }

    @Test
    public void deactivateLooksTheIdUpAndKeepsTheLastOwnerRule() {
        users.add("owner1", Role.OWNER);
        users.add("dev", Role.DEVELOPER);
        UserDeactivateCommand c = Fakes.wire(new UserDeactivateCommand(), principals, session);
        c.users = users;
        c.username = "dev";
        assertEquals("User dev is deactivated\n", Fakes.run(c).out());
        assertEquals(List.of("update 2 null false"), users.calls);

        users.refusal = OperationException.conflict("last_owner", "PiCloud needs an active owner");
        c.username = "owner1";
        assertEquals("Refused: PiCloud needs an active owner", Fakes.run(c).message());
        assertEquals("updatePrivileged 1 null false", users.calls.get(1));
        assertTrue(users.users.get(0).active());
    }

    @Test
    public void listShowsRolesAndWhetherAPasswordIsSet() {
        users.add("owner1", Role.OWNER);
        UserListCommand c = Fakes.wire(new UserListCommand(), principals, session);
        c.users = users;
        String out = Fakes.run(c).out();
        assertTrue(out, out.contains("owner1"));
        assertTrue(out, out.contains("owner"));
    }
}
