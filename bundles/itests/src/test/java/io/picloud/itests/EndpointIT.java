package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.Before;
import org.junit.Test;

/**
 * The script endpoints /fn/{name} through the real distribution: scripts deployed over the REST API, called over
 * HTTP, answered by the real executor, orchestrator and Rhai engine.
 */
public class EndpointIT extends PicloudTestSupport {

    private static final Duration BOOT = Duration.ofSeconds(90);

    @Before
    public void platformUp() throws Exception {
        await("the REST API", BOOT, () -> get("/api/v1/health").statusCode() == 200);
        await("the /fn servlet", BOOT, () -> get("/fn/no-such-script").statusCode() == 404);
    }

    private void deploy(String name, String source) throws Exception {
        HttpResponse<String> r = call("PUT", "/api/v1/scripts/" + name, "text/plain; charset=utf-8", source);
        assertTrue(r.statusCode() + " " + r.body(), r.statusCode() == 201 || r.statusCode() == 200);
    }

    private HttpResponse<String> fn(String method, String pathAndQuery, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b = request(pathAndQuery);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return send(b.build());
    }

    private static String contentType(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase();
    }

    @Test
    public void helloAnswersPlainText() throws Exception {
        deploy("hello", "\"Hello, \" + request.query.name");
        HttpResponse<String> r = get("/fn/hello?name=Pi");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain;charset=utf-8", contentType(r));
        assertEquals("Hello, Pi", r.body());
    }

    @Test
    public void handleFunctionSeesMethodParamsQueryHeadersAndJson() throws Exception {
        deploy("echo", "fn handle(req) {\n"
                + "  #{ method: req.method, path: req.path, rest: req.params.rest, q: req.query.a,\n"
                + "     h: req.headers[\"x-test\"], n: req.json.n + 1, body: req.body }\n"
                + "}\n");
        HttpResponse<String> r = send(request("/fn/echo/x/y?a=b%20c").header("X-Test", "T")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":41}")).build());
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals("application/json", contentType(r));
        // Rhai object maps keep their keys sorted, as in the reference implementation
        assertEquals("{\"body\":\"{\\\"n\\\":41}\",\"h\":\"T\",\"method\":\"POST\",\"n\":42,"
                + "\"path\":\"/fn/echo/x/y\",\"q\":\"b c\",\"rest\":\"x/y\"}", r.body());
    }

    @Test
    public void responseMapAndUnit() throws Exception {
        deploy("made", "#{ status: 201, headers: #{ \"X-Made\": \"yes\" }, body: \"made it\" }");
        HttpResponse<String> made = get("/fn/made");
        assertEquals(201, made.statusCode());
        assertEquals("yes", made.headers().firstValue("X-Made").orElse(""));
        assertEquals("made it", made.body());

        deploy("nothing", "let x = 1;\n()");
        HttpResponse<String> nothing = get("/fn/nothing");
        assertEquals(204, nothing.statusCode());
        assertEquals("", nothing.body());

        deploy("list", "[1, 2.5, \"three\", true, ()]");
        HttpResponse<String> list = get("/fn/list");
        assertEquals("application/json", contentType(list));
        assertEquals("[1,2.5,\"three\",true,null]", list.body());
    }

    @Test
    public void runtimeErrorIs500WithKindAndPosition() throws Exception {
        deploy("divide", "let a = 10;\nlet b = a / 0;\nb");
        HttpResponse<String> r = get("/fn/divide");
        assertEquals(500, r.statusCode());
        assertEquals("application/json", contentType(r));
        assertTrue(r.body(), r.body().startsWith("{\"error\":{\"kind\":\"ErrorArithmetic\",\"message\":"));
        assertTrue(r.body(), r.body().contains("\"line\":2,\"column\":"));
        assertFalse(r.body(), r.body().contains("\"column\":0"));
        assertFalse(r.body(), r.body().contains("at io.picloud"));
        assertFalse(r.body(), r.body().contains("Exception"));
    }

    /** A recursive function, compiled to bytecode during its first run (past the executor's 100 calls). */
    @Test
    public void aRecursiveFunctionAnswersAndFailsWithItsCallAndPosition() throws Exception {
        deploy("fib", "fn fib(n) {\n  if n < 2 { n } else { fib(n - 1) + fib(n - 2) }\n}\n"
                + "let n = request.query.n;\nfib(if n.len() < 5 { n.parse_int() } else { n })");
        HttpResponse<String> r = get("/fn/fib?n=15");
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals("610", r.body());
        HttpResponse<String> wrong = get("/fn/fib?n=hello");
        assertEquals(wrong.body(), 500, wrong.statusCode());
        assertTrue(wrong.body(), wrong.body().contains("\"kind\":\"ErrorInFunctionCall\""));
        assertTrue(wrong.body(), wrong.body().contains("in call to function 'fib'"));
        assertTrue(wrong.body(), wrong.body().contains("\"line\":5,\"column\":1"));
    }

    @Test
    public void operationLimitIs508NamingTheLimit() throws Exception {
        deploy("spin", "let x = 0;\nloop { x += 1; }");
        HttpResponse<String> r = get("/fn/spin");
        assertEquals(r.body(), 508, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"kind\":\"ErrorTooManyOperations\""));
        assertTrue(r.body(), r.body().contains("operations limit (max 1000000) exceeded"));
    }

    @Test
    public void aDeeplyNestedResultIsADataLimitJsonErrorEveryTime() throws Exception {
        deploy("deep", "let a = [];\nfor i in 0..10000 { a = [a]; }\na");
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = get("/fn/deep");
            assertEquals(r.body(), 508, r.statusCode());
            assertEquals("application/json", contentType(r));
            assertTrue(r.body(), r.body().contains("\"kind\":\"ErrorDataTooLarge\""));
            assertFalse(r.body(), r.body().contains("Exception") || r.body().contains("java."));
        }
    }

    @Test
    public void unknownScriptIs404Json() throws Exception {
        HttpResponse<String> r = get("/fn/never-deployed");
        assertEquals(404, r.statusCode());
        assertEquals("application/json", contentType(r));
        assertEquals("{\"error\":{\"code\":\"not_found\",\"message\":\"no script named 'never-deployed'\"}}", r.body());
    }

    @Test
    public void bodyOverOneMebibyteIs413() throws Exception {
        deploy("size", "request.body.len()");
        HttpResponse<String> big = fn("POST", "/fn/size", "text/plain", "x".repeat((1 << 20) + 1));
        assertEquals(413, big.statusCode());
        assertTrue(big.body(), big.body().contains("\"code\":\"payload_too_large\""));
        HttpResponse<String> fits = fn("POST", "/fn/size", "text/plain", "x".repeat(1 << 20));
        assertEquals(200, fits.statusCode());
        assertEquals(Integer.toString(1 << 20), fits.body());
    }

    @Test
    public void aNewVersionServesTheNextRequestAndRollbackToo() throws Exception {
        deploy("versioned", "\"one\"");
        assertEquals("one", get("/fn/versioned").body());
        deploy("versioned", "\"two\"");
        assertEquals("two", get("/fn/versioned").body());
        deploy("versioned", "\"three\"");
        assertEquals("three", get("/fn/versioned").body());

        HttpResponse<String> rollback = call("POST", "/api/v1/scripts/versioned/rollback", "application/json",
                "{\"version\":1}");
        assertEquals(rollback.body(), 200, rollback.statusCode());
        assertEquals("one", get("/fn/versioned").body());

        assertEquals(204, call("DELETE", "/api/v1/scripts/versioned", null, null).statusCode());
        assertEquals(404, get("/fn/versioned").statusCode());
    }
}
