package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.Before;
import org.junit.Test;

/**
 * Secrets, config, modules and invoke through the real distribution: set over the REST API, used by deployed
 * scripts over /fn, seen (or not) in the invocation log.
 */
public class HostApisIT extends PicloudTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOKEN = "tok-0123456789-secret";

    @Before
    public void platformUp() throws Exception {
        awaitReady();
        await("the /fn endpoint", Duration.ofSeconds(90), () -> get("/fn/no-such-script").statusCode() == 404);
    }

    private HttpResponse<String> deploy(String name, String source) throws Exception {
        return call("PUT", "/api/v1/scripts/" + name, "text/plain; charset=utf-8", source);
    }

    private void deployed(String name, String source) throws Exception {
        HttpResponse<String> r = deploy(name, source);
        assertTrue(r.statusCode() + " " + r.body(), r.statusCode() == 201 || r.statusCode() == 200);
    }

    @Test
    public void aSecretIsReadByItsScriptAndNeverShown() throws Exception {
        deployed("uses-secret", "let t = secret(\"API_TOKEN\"); print(`token=${t}`);\n"
                + "if t == () { \"unset\" } else { `${t.len()}` }");
        assertEquals("unset", get("/fn/uses-secret").body());
        HttpResponse<String> put = call("PUT", "/api/v1/scripts/uses-secret/secrets/API_TOKEN", "text/plain", TOKEN);
        assertEquals(put.body(), 201, put.statusCode());
        assertFalse(put.body().contains(TOKEN));

        assertEquals(String.valueOf(TOKEN.length()), get("/fn/uses-secret").body());
        HttpResponse<String> list = call("GET", "/api/v1/scripts/uses-secret/secrets", null, null);
        assertTrue(list.body(), list.body().contains("\"API_TOKEN\"") && !list.body().contains(TOKEN));
        await("the run in the invocation log", WAIT, () -> call("GET",
                "/api/v1/scripts/uses-secret/invocations", null, null).body().contains("token=***"));
        assertFalse(call("GET", "/api/v1/scripts/uses-secret/invocations", null, null).body().contains(TOKEN));
    }

    @Test
    public void configIsAConstantMapForTheScript() throws Exception {
        deployed("configured", "`${config.greeting}, ${config.times * 2}`");
        HttpResponse<String> put = call("PUT", "/api/v1/scripts/configured/config", JSON,
                "{\"greeting\":\"hello\",\"times\":21}");
        assertEquals(put.body(), 200, put.statusCode());
        await("the new config at the next run", WAIT, () -> get("/fn/configured").body().equals("hello, 42"));
    }

    @Test
    public void anImporterUsesTheActiveVersionOfTheModule() throws Exception {
        HttpResponse<String> missing = deploy("app-missing", "import \"no-such-lib\" as lib;\nlib::f()");
        assertEquals(missing.body(), 422, missing.statusCode());
        assertTrue(missing.body(), missing.body().contains("ErrorModuleNotFound"));

        deployed("mathlib", "export const OFFSET = 1;\nfn double(x) { x * 2 }");
        deployed("uses-lib", "import \"mathlib\" as m;\nm::double(21) + m::OFFSET");
        assertEquals("43", get("/fn/uses-lib").body());
        deployed("mathlib", "export const OFFSET = 2;\nfn double(x) { x * 2 }");
        await("the new module version at the importer's next run", WAIT,
                () -> get("/fn/uses-lib").body().equals("44"));

        HttpResponse<String> circle = deploy("mathlib", "import \"uses-lib\" as u;\nfn double(x) { x }");
        assertEquals(circle.body(), 422, circle.statusCode());
        assertTrue(circle.body(), circle.body().contains("ErrorModuleCycle"));
    }

    @Test
    public void invokeRunsAnotherScriptAndTheLogNamesTheCaller() throws Exception {
        deployed("adder", "event.payload.a + event.payload.b");
        deployed("asks-adder", "invoke(\"adder\", #{a: 40, b: 2})");
        assertEquals("42", get("/fn/asks-adder").body());
        await("the callee's run recorded with its caller", WAIT, () -> {
            String log = call("GET", "/api/v1/scripts/adder/invocations", null, null).body();
            return log.contains("\"trigger\":\"invoke\"") && log.contains("\"source\":\"asks-adder\"");
        });

        deployed("loops", "invoke(\"loops\", ())");
        HttpResponse<String> loop = get("/fn/loops");
        assertEquals(loop.body(), 500, loop.statusCode());
        assertTrue(loop.body(), loop.body().contains("deeper than"));

        deployed("catches", "let r = (); try { invoke(\"no-such\", ()) } catch (e) { r = e.error } r");
        assertEquals("NotFound", get("/fn/catches").body());
    }
}
