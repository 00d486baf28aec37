package io.picloud.shell.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import io.picloud.api.StoreUnavailableException;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.OperationException.Kind;
import org.apache.karaf.shell.support.CommandException;
import org.junit.Test;

public class FailuresTest {
    @Test
    public void eachKindReadsAsASentence() {
        assertEquals("Invalid username: usernames are 1 to 63 characters",
                Failures.message(OperationException.invalid("username", "usernames are 1 to 63 characters")));
        assertEquals("Not allowed: only owners manage admins",
                Failures.message(OperationException.forbidden("only owners manage admins")));
        assertEquals("No user with id 4", Failures.message(OperationException.notFound("no user with id 4")));
        assertEquals("Refused: user bob exists", Failures.message(OperationException.conflict("dup", "user bob exists")));
        assertEquals("Not authenticated: no key",
                Failures.message(new OperationException(Kind.UNAUTHENTICATED, "unauthenticated", "no key")));
        assertEquals("Too many failed logins; try again in 60 s", Failures.message(
                new OperationException(Kind.TOO_MANY, "too_many", "too many failed logins", null, 60, null)));
    }

    @Test
    public void detailsFollowOneALine() {
        OperationException e = new OperationException(Kind.UNPROCESSABLE, "compile_error", "ErrorParsing at 1:2: x",
                "source", 0, List.of(Map.of("kind", "ErrorParsing", "message", "x", "line", 1, "column", 2),
                Map.of("message", "somewhere")));
        assertEquals("ErrorParsing at 1:2: x (field source)\n  1:2 ErrorParsing: x\n  somewhere", Failures.message(e));
    }

    @Test
    public void anUnreachableDatabaseIsACommandError() {
        CommandException e = Failures.of(new StoreUnavailableException("connection refused", null));
        assertTrue(e.getMessage(), e.getMessage().startsWith("The database cannot be reached now"));
    }
}
