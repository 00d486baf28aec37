package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.picloud.api.PlatformInfo;
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

        String viewerKey = createUser("viewer").key();
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
        // the declared length is enough for the 413: sent over a raw socket without the body, so that the server's
        // early answer is read (java.net.http may see EOF while still sending a big body the server will not read)
        String big = bigUploadAnswer(1_200_000);
        assertTrue(big, big.startsWith("HTTP/1.1 413"));
        assertTrue(big, big.contains("{\"error\":{\"code\":\"payload_too_large\""));
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

    // ---------------------------------------------------------------- bad input: a 4xx naming the field, nothing written

    @Test
    public void unknownFieldsAre400NamingTheFieldAndWriteNothing() throws Exception {
        String before = userNames();
        String name = "it-unknown-" + randomHex(3);
        assertError(call("POST", "/api/v1/users", JSON, "{\"username\":\"" + name + "\",\"role\":\"viewer\","
                + "\"colour\":\"red\"}"), 400, "bad_request", "colour");
        assertEquals(before, userNames());
        assertError(call("POST", "/api/v1/keys", JSON, "{\"name\":\"k\",\"admin\":true}"), 400, "bad_request",
                "admin");
        assertEquals(201, call("PUT", "/api/v1/scripts/it-unknown", "text/plain", "1").statusCode());
        assertError(call("PATCH", "/api/v1/scripts/it-unknown", JSON, "{\"access\":\"key\",\"acess\":\"key\"}"),
                400, "bad_request", "acess");
        assertTrue(call("GET", "/api/v1/scripts/it-unknown", null, null).body().contains("\"access\":\"public\""));
        assertError(call("POST", "/api/v1/triggers", JSON, "{\"type\":\"http\",\"script\":\"it-unknown\","
                + "\"config\":{\"method\":\"GET\",\"path\":\"/it-unknown\"},\"colour\":1}"), 400, "bad_request", "colour");
        assertFalse(call("GET", "/api/v1/triggers", null, null).body().contains("it-unknown"));
        // a wrongly typed field is named too
        assertError(call("POST", "/api/v1/users", JSON, "{\"username\":\"" + name + "\",\"role\":7}"), 400,
                "bad_request", "role");
        assertEquals(before, userNames());
    }

    @Test
    public void weakPasswordsAre400AndNoUserIsCreated() throws Exception {
        String before = userNames();
        for (String weak : new String[] {"short", "password123", "aaaaaaaaaaaa"}) {
            String name = "it-weak-" + randomHex(3);
            HttpResponse<String> r = call("POST", "/api/v1/users", JSON, "{\"username\":\"" + name
                    + "\",\"password\":\"" + weak + "\",\"role\":\"developer\"}");
            assertEquals(weak + ": " + r.body(), 400, r.statusCode());
            assertEquals(r.body(), "password", jsonField(r.body(), "field"));
        }
        assertEquals(before, userNames());
        // a weak new password for an existing user leaves the user as it was, the role change too
        TestUser dev = createUser("developer");
        assertError(call("PATCH", "/api/v1/users/" + dev.id(), JSON, "{\"role\":\"viewer\",\"password\":\"password123\"}"),
                400, "weak_password", "password");
        assertTrue(call("GET", "/api/v1/users/" + dev.id(), null, null).body().contains("\"role\":\"developer\""));
        assertError(callWith(dev.key(), "PATCH", "/api/v1/me", JSON, "{\"password\":\"password123\",\"currentPassword\":\""
                + dev.password() + "\"}"), 400, "weak_password", "password");
        login(dev.username(), dev.password()); // the old password still works
    }

    @Test
    public void aDuplicateUsernameIs409AndTheFirstUserStays() throws Exception {
        TestUser first = createUser("viewer");
        String before = userNames();
        assertError(call("POST", "/api/v1/users", JSON, "{\"username\":\"" + first.username()
                + "\",\"password\":\"Another-pass-" + randomHex(4) + "\",\"role\":\"admin\"}"), 409,
                "duplicate_username", "username");
        assertEquals(before, userNames());
        HttpResponse<String> user = call("GET", "/api/v1/users/" + first.id(), null, null);
        assertTrue(user.body(), user.body().contains("\"role\":\"viewer\""));
        login(first.username(), first.password());
    }

    @Test
    public void aRoleAboveYourOwnIs403AndNothingIsCreated() throws Exception {
        TestUser admin = createUser("admin");
        TestUser dev = createUser("developer");
        String before = userNames();
        assertError(callWith(admin.key(), "POST", "/api/v1/users", JSON, "{\"username\":\"it-up-" + randomHex(3)
                + "\",\"role\":\"owner\"}"), 403, "forbidden", "role");
        assertError(callWith(admin.key(), "PATCH", "/api/v1/users/" + dev.id(), JSON, "{\"role\":\"admin\"}"),
                403, "forbidden", "role");
        assertEquals(before, userNames());
        String keysBefore = keyIds();
        assertError(callWith(dev.key(), "POST", "/api/v1/keys", JSON, "{\"name\":\"up\",\"role\":\"admin\"}"), 403,
                "forbidden", "role");
        assertError(callWith(admin.key(), "POST", "/api/v1/keys", JSON, "{\"name\":\"up\",\"role\":\"owner\"}"), 403,
                "forbidden", "role");
        assertEquals(keysBefore, keyIds());
        // a developer cannot promote itself either
        assertEquals(403, callWith(dev.key(), "PATCH", "/api/v1/users/" + dev.id(), JSON, "{\"role\":\"admin\"}")
                .statusCode());
        assertTrue(call("GET", "/api/v1/users/" + dev.id(), null, null).body().contains("\"role\":\"developer\""));
    }

    @Test
    public void theLastOwnerCannotBeDeactivatedOrDemoted() throws Exception {
        String me = call("GET", "/api/v1/me", null, null).body();
        assertTrue(me, me.contains("\"role\":\"owner\""));
        String ownerId = jsonField(me, "id");
        assertError(call("PATCH", "/api/v1/admin/admins/" + ownerId, JSON, "{\"active\":false}"), 409,
                "last_owner", null);
        assertError(call("PATCH", "/api/v1/admin/admins/" + ownerId, JSON, "{\"role\":\"admin\"}"), 409,
                "last_owner", null);
        assertError(call("PATCH", "/api/v1/users/" + ownerId, JSON, "{\"active\":false}"), 409, "last_owner", null);
        assertError(call("DELETE", "/api/v1/users/" + ownerId, null, null), 409, "last_owner", null);
        HttpResponse<String> still = call("GET", "/api/v1/me", null, null);
        assertEquals(still.body(), 200, still.statusCode());
        assertTrue(still.body(), still.body().contains("\"role\":\"owner\"") && still.body().contains("\"active\":true"));
        // a developer or viewer is not for /admin/admins
        TestUser dev = createUser("developer");
        assertError(call("PATCH", "/api/v1/admin/admins/" + dev.id(), JSON, "{\"active\":false}"), 409,
                "not_privileged", null);
    }

    /** {@code PUT /api/v1/scripts/it-big} declaring {@code length} bytes without sending them: the raw answer. */
    private String bigUploadAnswer(int length) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", httpPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("PUT /api/v1/scripts/it-big HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + ownerApiKey() + "\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buf)) > 0; ) {
                    answer.write(buf, 0, n);
                    if (answer.toString(java.nio.charset.StandardCharsets.UTF_8).contains("}}")) {
                        break;
                    }
                }
            } catch (java.io.IOException closed) {
                // the server may reset the connection after its answer
            }
            return answer.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A JSON error: status, code, and the field it names (null: not checked). */
    private static void assertError(HttpResponse<String> r, int status, String code, String field) {
        assertEquals(r.body(), status, r.statusCode());
        assertTrue(r.body(), r.body().startsWith("{\"error\":{\"code\":\"" + code + "\""));
        assertTrue(r.headers().firstValue("Content-Type").orElse(""), r.headers().firstValue("Content-Type")
                .orElse("").startsWith("application/json"));
        if (field != null) {
            assertTrue(r.body() + " should name the field " + field, r.body().contains("\"field\":\"" + field + "\""));
        }
    }

    private String userNames() throws Exception {
        HttpResponse<String> r = call("GET", "/api/v1/users", null, null);
        assertEquals(r.body(), 200, r.statusCode());
        return r.body().replaceAll("\"(createdAt|hasPassword)\":[^,}]*", "");
    }

    private String keyIds() throws Exception {
        HttpResponse<String> r = call("GET", "/api/v1/keys", null, null);
        assertEquals(r.body(), 200, r.statusCode());
        return r.body().replaceAll("\"lastUsedAt\":(null|\"[^\"]*\")", "");
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
