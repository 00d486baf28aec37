package io.picloud.executor.impl;

import static org.junit.Assert.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.picloud.api.ScriptVersion;
import org.junit.Test;

/** {@code import "lib" as lib;} runs the active version of the deployed script {@code lib}. */
public class ScriptModulesTest {
    private final Map<String, ScriptVersion> deployed = new HashMap<>();

    private RhaiScriptExecutor executor() {
        RhaiScriptExecutor e = new RhaiScriptExecutor();
        e.setModules(name -> Optional.ofNullable(deployed.get(name)));
        e.activate(Configs.of(Map.of()));
        return e;
    }

    @Test
    public void anImportSeesTheModulesExportsAndPublicFunctionsAndANewVersionAtTheNextRun() {
        deployed.put("lib", RhaiScriptExecutorTest.version("lib", 1,
                "export const GREETING = \"hi\"; fn double(x) { x * 2 } private fn hidden() { 1 }"));
        RhaiScriptExecutor e = executor();
        ScriptVersion app = RhaiScriptExecutorTest.version("app", 1,
                "import \"lib\" as lib; `${lib::GREETING} ${lib::double(21)}`");
        assertEquals("hi 42", e.execute(app, null, "request", Map.of()).value());
        assertEquals("ErrorFunctionNotFound", e.execute(RhaiScriptExecutorTest.version("p", 1,
                "import \"lib\" as lib; lib::hidden()"), null, "request", Map.of()).problem().kind());

        deployed.put("lib", RhaiScriptExecutorTest.version("lib", 2, "export const GREETING = \"hey\"; fn double(x) { x * 3 }"));
        assertEquals("hey 63", e.execute(app, null, "request", Map.of()).value());
    }

    @Test
    public void anImportOfAScriptThatIsNotDeployedFailsTheRun() {
        io.picloud.api.ExecutionOutcome o = executor().execute(RhaiScriptExecutorTest.version("a", 1, "import \"nope\" as n; 1"),
                null, "request", Map.of());
        assertEquals("ErrorModuleNotFound", o.problem().kind());
        assertEquals(1, o.problem().line());
    }
}
