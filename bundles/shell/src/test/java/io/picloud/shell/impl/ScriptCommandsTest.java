package io.picloud.shell.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.security.auth.Subject;

import io.picloud.api.InvocationRecord;
import io.picloud.api.Role;
import io.picloud.api.control.OperationException;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.support.CommandException;
import org.junit.Test;

public class ScriptCommandsTest {
    private final Fakes.Principals principals = new Fakes.Principals();
    private final Fakes.FakeSession session = new Fakes.FakeSession();
    private final Fakes.Scripts scripts = new Fakes.Scripts();

    private <C extends ControlCommand> C wired(C command) {
        return Fakes.wire(command, principals, session);
    }

    private ScriptDeleteCommand delete(String name) {
        ScriptDeleteCommand c = wired(new ScriptDeleteCommand());
        c.scripts = scripts;
        c.name = name;
        return c;
    }

    @Test
    public void thePrincipalIsTheJaasSubjectsUser() {
        scripts.add("hello", "1");
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal("alice"));
        session.put("USER", "someone-else");
        ScriptListCommand list = wired(new ScriptListCommand());
        list.scripts = scripts;

        Fakes.Run run = Subject.doAs(subject, (PrivilegedAction<Fakes.Run>) () -> Fakes.run(list));

        assertNull(run.message());
        assertEquals(List.of("alice"), principals.asked);
        assertEquals("alice", scripts.callers.get(0).username());
        assertTrue(run.out(), run.out().contains("hello"));
        assertTrue(run.out(), run.out().contains("public"));
    }

    @Test
    public void withoutASubjectTheSessionsUserThenTheLocalConsolesUser() {
        session.put("USER", "bob");
        assertEquals("bob", ShellUser.name(session));
        session.variables.clear();
        String saved = System.getProperty(ShellUser.LOCAL_USER_PROPERTY);
        try {
            System.clearProperty(ShellUser.LOCAL_USER_PROPERTY);
            assertEquals("karaf", ShellUser.name(session));
            System.setProperty(ShellUser.LOCAL_USER_PROPERTY, "operator");
            assertEquals("operator", ShellUser.name(null));
        } finally {
            if (saved == null) {
                System.clearProperty(ShellUser.LOCAL_USER_PROPERTY);
            } else {
                System.setProperty(ShellUser.LOCAL_USER_PROPERTY, saved);
            }
        }
    }

    @Test
    public void aRefusedDeletePrintsTheMessageAndChangesNothing() {
        scripts.add("hello", "1");
        scripts.refusal = OperationException.forbidden("the script hello belongs to alice");

        Fakes.Run run = Fakes.run(delete("hello"));

        assertTrue(run.failure() instanceof CommandException);
        assertEquals("Not allowed: the script hello belongs to alice", run.message());
        assertEquals("", run.out());
        assertTrue(scripts.versions.containsKey("hello"));
    }

    @Test
    public void aShellUserWhoMayNotActGetsTheMessage() {
        principals.refusal = OperationException.forbidden("the PiCloud user bob is deactivated");
        scripts.add("hello", "1");

        Fakes.Run run = Fakes.run(delete("hello"));

        assertEquals("Not allowed: the PiCloud user bob is deactivated", run.message());
        assertTrue(scripts.callers.isEmpty());
        assertTrue(scripts.versions.containsKey("hello"));
    }

    @Test
    public void deleteAndNotFound() {
        scripts.add("hello", "1");
        Fakes.Run run = Fakes.run(delete("hello"));
        assertNull(run.message());
        assertEquals("Deleted script 'hello'\n", run.out());
        assertEquals("No script named hello", Fakes.run(delete("hello")).message());
    }

    @Test
    public void deployReadsTheFileAndReportsCompileErrorsWithPositions() throws Exception {
        Path file = Files.createTempFile("script", ".rhai");
        try {
            Files.writeString(file, "40 + 2", StandardCharsets.UTF_8);
            ScriptDeployCommand c = wired(new ScriptDeployCommand());
            c.scripts = scripts;
            c.name = "answer";
            c.file = file.toString();
            Fakes.Run run = Fakes.run(c);
            assertNull(run.message());
            assertTrue(run.out(), run.out().startsWith("Created script 'answer' version 1 (hashanswer1)"));
            assertEquals("40 + 2", scripts.versions.get("answer").get(0).source());

            scripts.refusal = new OperationException(OperationException.Kind.UNPROCESSABLE, "compile_error",
                    "ErrorParsing at 2:9: expected an expression", "source", 0, List.of(
                    Map.of("kind", "ErrorParsing", "message", "expected an expression", "line", 2, "column", 9),
                    Map.of("kind", "ErrorParsing", "message", "unexpected ')'", "line", 3, "column", 1)));
            run = Fakes.run(c);
            assertEquals("Script 'answer' does not compile (2 errors); nothing deployed:\n"
                    + "  2:9 ErrorParsing: expected an expression\n  3:1 ErrorParsing: unexpected ')'", run.message());
            assertEquals(1, scripts.versions.get("answer").size());

            c.file = file + ".missing";
            assertEquals("No such file: " + c.file, Fakes.run(c).message());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    public void versionsMarkTheActiveOneAndRollbackNamesIt() {
        scripts.add("hello", "1", "2");
        ScriptVersionsCommand versions = wired(new ScriptVersionsCommand());
        versions.scripts = scripts;
        versions.name = "hello";
        String out = Fakes.run(versions).out();
        assertTrue(out, out.matches("(?s).*\\b2\\s*\\|\\s*\\*.*"));
        assertTrue(out, out.matches("(?s).*\\b1\\s*\\|\\s*\\|.*"));

        ScriptRollbackCommand rollback = wired(new ScriptRollbackCommand());
        rollback.scripts = scripts;
        rollback.name = "hello";
        rollback.version = 1;
        assertEquals("Script 'hello' now runs version 1\n", Fakes.run(rollback).out());
        rollback.version = 7;
        assertEquals("Script hello has no version 7", Fakes.run(rollback).message());
    }

    @Test
    public void showPrintsOwnerAccessAndSource() {
        scripts.add("hello", "\"hi\"");
        ScriptShowCommand show = wired(new ScriptShowCommand());
        show.scripts = scripts;
        show.name = "hello";
        String out = Fakes.run(show).out();
        assertTrue(out, out.contains("version  1"));
        assertTrue(out, out.contains("owner    alice"));
        assertTrue(out, out.contains("access   public"));
        assertTrue(out, out.endsWith("\"hi\"\n"));
    }

    @Test
    public void invocationsOfEveryScriptComeNewestFirst() {
        scripts.add("a", "1");
        scripts.add("b", "1");
        scripts.invocations.put("a", List.of(record("a", 30), record("a", 10)));
        scripts.invocations.put("b", List.of(record("b", 20)));
        InvocationsCommand c = wired(new InvocationsCommand());
        c.scripts = scripts;
        c.limit = 2;
        String out = Fakes.run(c).out();
        assertTrue(out, out.indexOf("00:00:30Z") < out.indexOf("00:00:20Z"));
        assertFalse(out, out.contains("00:00:10Z"));

        c.name = "nope";
        assertEquals("No script named nope", Fakes.run(c).message());
    }

    @Test
    public void principalsAreAskedForEveryCall() {
        principals.role = Role.VIEWER;
        scripts.add("hello", "1");
        ScriptListCommand list = wired(new ScriptListCommand());
        list.scripts = scripts;
        Fakes.run(list);
        assertEquals(Role.VIEWER, scripts.callers.get(0).role());
        assertEquals(1, principals.asked.size());
    }

    private static InvocationRecord record(String script, long second) {
        return new InvocationRecord(script, 1, "http", Instant.ofEpochSecond(second), 5, "ok", null, null, List.of(), 1);
    }
}
