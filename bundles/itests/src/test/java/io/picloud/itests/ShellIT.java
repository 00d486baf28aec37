package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.picloud.api.Dispatcher;
import io.picloud.api.ScriptStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.Before;
import org.junit.Test;

/** The picloud:* shell commands in the real distribution, against the real stores, executor and dispatcher. */
public class ShellIT extends PicloudTestSupport {

    private static final Duration BOOT = Duration.ofSeconds(90);

    @Before
    public void platformUp() throws Exception {
        await("the REST API and its database", BOOT, () -> get("/api/v1/health").statusCode() == 200);
        awaitService(ScriptStore.class, null, BOOT);
        awaitService(Dispatcher.class, null, BOOT);
        await("the picloud commands", BOOT, () -> executeCommand("picloud:version").contains("product"));
    }

    private static String file(String source) throws Exception {
        Path p = Files.createTempFile("picloud-it-", ".rhai");
        Files.writeString(p, source, StandardCharsets.UTF_8);
        p.toFile().deleteOnExit();
        return p.toString();
    }

    private String failing(String command) throws Exception {
        try {
            String out = executeCommand(command);
            fail("expected '" + command + "' to fail, it printed: " + out);
            return null;
        } catch (Exception e) {
            return String.valueOf(e.getMessage());
        }
    }

    @Test
    public void versionShowsProductApiAndSchema() throws Exception {
        String out = executeCommand("picloud:version");
        assertTrue(out, out.matches("(?s).*product  \\d+\\.\\d+\\.\\d+.*"));
        assertTrue(out, out.contains("api      v1"));
        assertTrue(out, out.matches("(?s).*schema   [1-9][0-9]*.*"));
    }

    @Test
    public void deployListInvokeVersionsRollbackInvocationsDelete() throws Exception {
        String v1 = executeCommand("picloud:script-deploy shello " + file("fn handle(req) { \"v1 \" + req.method }"));
        assertTrue(v1, v1.contains("Created script 'shello' version 1"));

        String list = executeCommand("picloud:script-list");
        assertTrue(list, list.contains("Name"));
        assertTrue(list, list.contains("shello"));

        String invoked = executeCommand("picloud:invoke shello --method post");
        assertTrue(invoked, invoked.contains("v1 POST"));

        String v2 = executeCommand("picloud:script-deploy shello "
                + file("print(\"computing\");\n#{ n: request.body.len() * 2, body: request.body, json: request.json }"));
        assertTrue(v2, v2.contains("Deployed script 'shello' version 2"));
        String json = executeCommand("picloud:invoke shello --body hello");
        assertTrue(json, json.contains("[print] computing"));
        assertTrue(json, json.contains("{\"body\":\"hello\",\"json\":null,\"n\":10}"));

        String versions = executeCommand("picloud:script-versions shello");
        assertTrue(versions, versions.matches("(?s).*\\b2\\s*\\|\\s*\\*.*"));
        assertTrue(versions, versions.matches("(?s).*\\b1\\s*\\|\\s*\\|.*"));

        String rolledBack = executeCommand("picloud:script-rollback shello 1");
        assertTrue(rolledBack, rolledBack.contains("now runs version 1"));
        assertTrue(executeCommand("picloud:invoke shello").contains("v1 GET"));

        String show = executeCommand("picloud:script-show shello");
        assertTrue(show, show.contains("version  1"));
        assertTrue(show, show.contains("fn handle(req)"));

        await("the shell invocations to be recorded", Duration.ofSeconds(30), () -> {
            String log = executeCommand("picloud:invocations shello");
            return log.contains("shell") && log.contains("ok") && log.lines().filter(l -> l.contains("shello")).count() >= 3;
        });

        String deleted = executeCommand("picloud:script-delete shello");
        assertTrue(deleted, deleted.contains("Deleted script 'shello'"));
        assertTrue(failing("picloud:invoke shello").contains("No script named 'shello'"));
    }

    @Test
    public void deployRejectsAScriptThatDoesNotCompileWithItsErrors() throws Exception {
        String message = failing("picloud:script-deploy broken " + file("let x = 1;\nlet y = ;\n"));
        assertTrue(message, message.contains("does not compile"));
        assertTrue(message, message.contains("2:"));
        assertTrue(message, message.contains("ErrorParsing"));
        assertFalse(executeCommand("picloud:script-list").contains("broken"));
    }

    @Test
    public void scriptErrorsAndUnknownScriptsAreReportedByInvoke() throws Exception {
        executeCommand("picloud:script-deploy sdiv " + file("let a = 1;\na / 0"));
        String message = failing("picloud:invoke sdiv");
        assertTrue(message, message.contains("ErrorArithmetic"));
        assertTrue(message, message.contains("2:"));
        assertTrue(failing("picloud:script-show nope").contains("No script named nope"));
    }
}
