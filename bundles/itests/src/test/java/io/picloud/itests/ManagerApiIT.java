package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.picloud.api.ApiKeyService;
import io.picloud.api.PlatformInfo;
import javax.sql.DataSource;
import org.junit.Before;
import org.junit.Test;

/** The manager's REST API /api/v1 in the booted distribution, over real HTTP, on the real PostgreSQL. */
public class ManagerApiIT extends PicloudTestSupport {
    private static final Duration BOOT = Duration.ofSeconds(90);

    @Before
    public void managerIsUp() throws Exception {
        await("GET /api/v1/health to answer 200", BOOT, () -> get("/api/v1/health").statusCode() == 200);
    }

    @Test
    public void versionAndHealthNeedNoKey() throws Exception {
        HttpResponse<String> version = get("/api/v1/version");
        assertEquals(200, version.statusCode());
        Matcher v = Pattern.compile("\\{\"product\":\"\\d+\\.\\d+\\.\\d+\",\"api\":1,\"schema\":(\\d+)}")
                .matcher(version.body());
        assertTrue(version.body(), v.matches());
        HttpResponse<String> health = get("/api/v1/health");
        assertTrue(health.body(), health.body().startsWith("{\"status\":\"ok\""));
        PlatformInfo info = awaitService(PlatformInfo.class, null, BOOT);
        // the schema applied is the latest changelog's number, whatever it is now
        assertTrue(info.schemaVersion() >= 1);
        assertEquals(info.schemaVersion(), Integer.parseInt(v.group(1)));
    }

    @Test
    public void scriptLifecycleCreateVersionsRollbackDelete() throws Exception {
        HttpResponse<String> created = call("PUT", "/api/v1/scripts/it-life", "text/plain", "40 + 2");
        assertEquals(created.body(), 201, created.statusCode());
        assertTrue(created.body(), created.body().matches("\\{\"name\":\"it-life\",\"version\":1,\"hash\":\"[0-9a-f]{64}\"}"));
        HttpResponse<String> second = call("PUT", "/api/v1/scripts/it-life", "application/json", "{\"source\":\"\\\"two\\\"\"}");
        assertEquals(second.body(), 200, second.statusCode());
        assertTrue(second.body(), second.body().contains("\"version\":2"));

        HttpResponse<String> versions = call("GET", "/api/v1/scripts/it-life/versions", null, null);
        assertEquals(200, versions.statusCode());
        assertTrue(versions.body(), versions.body().contains("\"activeVersion\":2"));
        assertEquals(2, count(versions.body(), "\"hash\""));

        HttpResponse<String> list = call("GET", "/api/v1/scripts", null, null);
        assertTrue(list.body(), list.body().contains("\"name\":\"it-life\""));

        HttpResponse<String> rollback = call("POST", "/api/v1/scripts/it-life/rollback", "application/json", "{\"version\":1}");
        assertEquals(rollback.body(), 200, rollback.statusCode());
        HttpResponse<String> active = call("GET", "/api/v1/scripts/it-life", null, null);
        assertTrue(active.body(), active.body().contains("\"version\":1") && active.body().contains("\"source\":\"40 + 2\""));

        assertEquals(204, call("DELETE", "/api/v1/scripts/it-life", null, null).statusCode());
        HttpResponse<String> gone = call("GET", "/api/v1/scripts/it-life", null, null);
        assertEquals(404, gone.statusCode());
        assertTrue(gone.body(), gone.body().startsWith("{\"error\":{\"code\":\"not_found\""));
    }

    @Test
    public void aScriptThatDoesNotCompileIs422AndTheActiveVersionStays() throws Exception {
        assertEquals(201, call("PUT", "/api/v1/scripts/it-calc", "text/plain", "1 + 1").statusCode());
        HttpResponse<String> bad = call("PUT", "/api/v1/scripts/it-calc", "text/plain", "let x = ;\n");
        assertEquals(bad.body(), 422, bad.statusCode());
        assertTrue(bad.body(), bad.body().startsWith("{\"error\":{\"code\":\"compile_error\""));
        assertTrue(bad.body(), bad.body().matches(".*\"details\":\\[\\{\"kind\":\"\\w+\",\"message\":\".*\",\"line\":1,\"column\":\\d+}.*"));
        assertFalse(bad.body(), bad.body().contains("Exception"));
        HttpResponse<String> versions = call("GET", "/api/v1/scripts/it-calc/versions", null, null);
        assertTrue(versions.body(), versions.body().contains("\"activeVersion\":1"));
        assertEquals(1, count(versions.body(), "\"hash\""));
    }

    @Test
    public void keysAreRequiredAndViewersMayOnlyRead() throws Exception {
        HttpResponse<String> none = get("/api/v1/scripts");
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(none.body(), none.body().startsWith("{\"error\":{\"code\":\"unauthorized\""));
        HttpResponse<String> wrong = send(request("/api/v1/scripts").header("Authorization", "Bearer pc_wrong").GET().build());
        assertEquals(401, wrong.statusCode());

        DataSource ds = awaitService(DataSource.class, "(dataSourceName=picloud)", BOOT);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (name, role) VALUES ('it-viewer', 'viewer') ON CONFLICT DO NOTHING");
        }
        String viewerKey = awaitService(ApiKeyService.class, null, BOOT).createKey("it-viewer", "itest");
        HttpResponse<String> read = send(request("/api/v1/scripts").header("Authorization", "Bearer " + viewerKey).GET().build());
        assertEquals(read.body(), 200, read.statusCode());
        HttpResponse<String> write = send(request("/api/v1/scripts/it-viewer-try").header("Authorization", "Bearer " + viewerKey)
                .header("Content-Type", "text/plain").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("1")).build());
        assertEquals(write.body(), 403, write.statusCode());
        assertTrue(write.body(), write.body().startsWith("{\"error\":{\"code\":\"forbidden\""));
        assertEquals(404, call("GET", "/api/v1/scripts/it-viewer-try", null, null).statusCode());
    }

    @Test
    public void unknownThingsAreJson404sAndBigBodiesAre413() throws Exception {
        HttpResponse<String> path = call("GET", "/api/v1/nothing-here", null, null);
        assertEquals(404, path.statusCode());
        assertTrue(path.body(), path.body().startsWith("{\"error\":{\"code\":\"not_found\""));
        HttpResponse<String> script = call("GET", "/api/v1/scripts/no-such-script/versions", null, null);
        assertEquals(404, script.statusCode());
        HttpResponse<String> big = call("PUT", "/api/v1/scripts/it-big", "text/plain", "1;".repeat(600_000));
        assertEquals(413, big.statusCode());
        assertTrue(big.body(), big.body().startsWith("{\"error\":{\"code\":\"payload_too_large\""));
        HttpResponse<String> badName = call("PUT", "/api/v1/scripts/Not_Valid", "text/plain", "1");
        assertEquals(400, badName.statusCode());
    }

    @Test
    public void invocationsOfAScriptAreListedNewestFirst() throws Exception {
        assertEquals(201, call("PUT", "/api/v1/scripts/it-hello", "text/plain", "\"hello\"").statusCode());
        await("the script to answer on /fn", BOOT, () -> get("/fn/it-hello").statusCode() == 200);
        assertEquals("hello", get("/fn/it-hello").body());
        await("two invocation records", BOOT, () -> count(
                call("GET", "/api/v1/scripts/it-hello/invocations?limit=10", null, null).body(), "\"startedAt\"") >= 2);
        HttpResponse<String> page = call("GET", "/api/v1/scripts/it-hello/invocations?limit=1", null, null);
        assertEquals(200, page.statusCode());
        assertEquals(1, count(page.body(), "\"startedAt\""));
        assertTrue(page.body(), page.body().contains("\"trigger\":\"http\"") && page.body().contains("\"status\":\"ok\""));
        assertEquals(400, call("GET", "/api/v1/scripts/it-hello/invocations?limit=0", null, null).statusCode());
    }

    static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
