package io.picloud.manager.impl;

import io.picloud.store.sql.Sql;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.api.ApiKeyInfo;
import io.picloud.api.ApiKeyService;
import io.picloud.api.ApiPrincipal;
import io.picloud.api.DeployResult;
import io.picloud.api.ExecutionOutcome;
import io.picloud.api.InvocationLog;
import io.picloud.api.InvocationRecord;
import io.picloud.api.ManagerHealth;
import io.picloud.api.PlatformInfo;
import io.picloud.api.Role;
import io.picloud.api.ScriptProblem;
import io.picloud.api.ScriptStore;
import io.picloud.api.ScriptSummary;
import io.picloud.api.ScriptVersion;
import io.picloud.api.StoreUnavailableException;
import org.junit.Test;

/** The REST API's logic with in-memory fakes of PiCloud's own interfaces. */
public class ApiHandlerTest {
    private static final String OWNER = "owner-key";
    private static final String VIEWER = "viewer-key";

    private final FakeStore store = new FakeStore();
    private final List<InvocationRecord> records = new ArrayList<>();
    private String dbProblem;
    private final ApiHandler api = new ApiHandler(store, new FakeLog(), new FakeKeys(), () -> Optional.ofNullable(dbProblem),
            new FakePlatform(), new FakeCheck(), 64);

    @Test
    public void versionAndHealthNeedNoKey() {
        ApiHandler.Response version = call("GET", "/version", null, null, null);
        assertEquals(200, version.status());
        assertEquals("0.1.0", version.body().get("product").asText());
        assertEquals(1, version.body().get("api").asInt());
        assertEquals(1, version.body().get("schema").asInt());

        ApiHandler.Response health = call("GET", "/health", null, null, null);
        assertEquals(200, health.status());
        assertEquals("ok", health.body().get("status").asText());

        dbProblem = "connection refused";
        health = call("GET", "/health", null, null, null);
        assertEquals(503, health.status());
        assertEquals("degraded", health.body().get("status").asText());
        assertEquals("database unavailable", health.body().get("reason").asText());
        assertFalse("no internals", health.body().toString().contains("refused"));
        assertEquals("5", health.headers().get("Retry-After"));
    }

    @Test
    public void everythingElseNeedsAValidKey() {
        ApiHandler.Response none = call("GET", "/scripts", null, null, null);
        assertError(none, 401, "unauthorized");
        assertTrue(none.headers().get("WWW-Authenticate").startsWith("Bearer"));
        assertError(call("GET", "/scripts", "wrong", null, null), 401, "unauthorized");
        ApiHandler.Response basic = handle("GET", "/scripts", Map.of("Authorization", "Basic eDp5"), null, Map.of());
        assertError(basic, 401, "unauthorized");
        assertError(call("GET", "/nothing-here", null, null, null), 401, "unauthorized");
        assertEquals(200, call("GET", "/scripts", VIEWER, null, null).status());
    }

    @Test
    public void viewersMayOnlyRead() {
        store.deploy("hello", "1");
        assertError(call("PUT", "/scripts/hello", VIEWER, "text/plain", "2"), 403, "forbidden");
        assertError(call("DELETE", "/scripts/hello", VIEWER, null, null), 403, "forbidden");
        assertError(call("POST", "/scripts/hello/rollback", VIEWER, "application/json", "{\"version\":1}"), 403,
                "forbidden");
        assertEquals(1, store.versions("hello").size());
        assertEquals(200, call("GET", "/scripts/hello", VIEWER, null, null).status());
        assertEquals(200, call("GET", "/scripts/hello/versions", VIEWER, null, null).status());
    }

    @Test
    public void deployCreatesThenAddsVersions() {
        ApiHandler.Response created = call("PUT", "/scripts/hello", OWNER, "text/plain; charset=utf-8", "40 + 2");
        assertEquals(201, created.status());
        assertEquals("/api/v1/scripts/hello", created.headers().get("Location"));
        assertEquals("hello", created.body().get("name").asText());
        assertEquals(1, created.body().get("version").asInt());
        assertEquals(Sql.sha256Hex("40 + 2"), created.body().get("hash").asText());

        ApiHandler.Response updated = call("PUT", "/scripts/hello", OWNER, "application/json", "{\"source\":\"\\\"hi\\\"\"}");
        assertEquals(200, updated.status());
        assertEquals(2, updated.body().get("version").asInt());
        assertEquals("owner", store.lastCreatedBy);

        JsonNode script = call("GET", "/scripts/hello", OWNER, null, null).body();
        assertEquals(2, script.get("version").asInt());
        assertEquals("\"hi\"", script.get("source").asText());

        JsonNode list = call("GET", "/scripts", OWNER, null, null).body().get("scripts");
        assertEquals(1, list.size());
        assertEquals("hello", list.get(0).get("name").asText());
        assertEquals(2, list.get(0).get("activeVersion").asInt());
    }

    @Test
    public void aScriptThatDoesNotCompileIsRejectedAndNothingChanges() {
        call("PUT", "/scripts/calc", OWNER, "text/plain", "1 + 1");
        ApiHandler.Response bad = call("PUT", "/scripts/calc", OWNER, "text/plain", "let x = ;");
        assertError(bad, 422, "compile_error");
        JsonNode d = bad.body().get("error").get("details").get(0);
        assertEquals("ErrorParsing", d.get("kind").asText());
        assertEquals(1, d.get("line").asInt());
        assertEquals(9, d.get("column").asInt());
        assertTrue(bad.body().get("error").get("message").asText().contains("1:9"));
        assertEquals(1, store.active("calc").orElseThrow().version());
        assertEquals(1, store.versions("calc").size());
    }

    @Test
    public void badRequestsGetJsonErrors() {
        assertError(call("PUT", "/scripts/Bad_Name", OWNER, "text/plain", "1"), 400, "invalid_name");
        assertError(call("PUT", "/scripts/x", OWNER, "application/xml", "<a/>"), 415, "unsupported_media_type");
        assertError(call("PUT", "/scripts/x", OWNER, "application/json", "{"), 400, "bad_request");
        assertError(call("PUT", "/scripts/x", OWNER, "application/json", "{\"src\":1}"), 400, "bad_request");
        assertError(call("PUT", "/scripts/x", OWNER, "text/plain", "x".repeat(65)), 413, "payload_too_large");
        assertEquals(201, call("PUT", "/scripts/x", OWNER, "text/plain", "x".repeat(64)).status());
        ApiHandler.Response post = call("POST", "/scripts/x", OWNER, "text/plain", "1");
        assertError(post, 405, "method_not_allowed");
        assertEquals("GET, PUT, DELETE", post.headers().get("Allow"));
        assertError(call("DELETE", "/version", null, null, null), 405, "method_not_allowed");
        assertError(call("GET", "/scripts/x/nothing", OWNER, null, null), 404, "not_found");
        assertError(call("GET", "/", OWNER, null, null), 404, "not_found");
        assertError(call("GET", "/scripts/x/invocations?", OWNER, null, null, Map.of("limit", "0")), 400,
                "bad_request");
        assertError(call("GET", "/scripts/x/invocations", OWNER, null, null, Map.of("offset", "-1")), 400,
                "bad_request");
    }

    @Test
    public void missingScriptsAre404() {
        assertError(call("GET", "/scripts/nope", OWNER, null, null), 404, "not_found");
        assertError(call("GET", "/scripts/nope/versions", OWNER, null, null), 404, "not_found");
        assertError(call("GET", "/scripts/nope/invocations", OWNER, null, null), 404, "not_found");
        assertError(call("DELETE", "/scripts/nope", OWNER, null, null), 404, "not_found");
        assertError(call("POST", "/scripts/nope/rollback", OWNER, "application/json", "{\"version\":1}"), 404,
                "not_found");
    }

    @Test
    public void versionsRollbackAndDelete() {
        call("PUT", "/scripts/app", OWNER, "text/plain", "1");
        call("PUT", "/scripts/app", OWNER, "text/plain", "2");
        JsonNode versions = call("GET", "/scripts/app/versions", OWNER, null, null).body();
        assertEquals(2, versions.get("activeVersion").asInt());
        assertEquals(2, versions.get("versions").get(0).get("version").asInt());
        assertTrue(versions.get("versions").get(0).get("active").asBoolean());
        assertFalse(versions.get("versions").get(1).get("active").asBoolean());

        assertError(call("POST", "/scripts/app/rollback", OWNER, "application/json", "{\"version\":9}"), 404,
                "not_found");
        assertError(call("POST", "/scripts/app/rollback", OWNER, "application/json", "{\"version\":\"1\"}"), 400,
                "bad_request");
        assertError(call("POST", "/scripts/app/rollback", OWNER, "text/plain", "1"), 415, "unsupported_media_type");
        ApiHandler.Response back = call("POST", "/scripts/app/rollback", OWNER, "application/json", "{\"version\":1}");
        assertEquals(200, back.status());
        assertEquals(1, back.body().get("version").asInt());
        assertEquals("1", store.active("app").orElseThrow().source());

        ApiHandler.Response deleted = call("DELETE", "/scripts/app", OWNER, null, null);
        assertEquals(204, deleted.status());
        assertNull(deleted.body());
        assertTrue(store.active("app").isEmpty());
    }

    @Test
    public void invocationsAreListedWithPaging() {
        call("PUT", "/scripts/app", OWNER, "text/plain", "1");
        for (int i = 0; i < 3; i++) {
            records.add(0, new InvocationRecord("app", 1, "http", Instant.ofEpochSecond(i), 7, "ok", null, null,
                    List.of("out " + i), 3));
        }
        JsonNode page = call("GET", "/scripts/app/invocations", OWNER, null, null,
                Map.of("limit", "2", "offset", "1")).body();
        assertEquals(2, page.get("limit").asInt());
        assertEquals(1, page.get("offset").asInt());
        JsonNode list = page.get("invocations");
        assertEquals(2, list.size());
        assertEquals("1970-01-01T00:00:01Z", list.get(0).get("startedAt").asText());
        assertEquals("out 1", list.get(0).get("output").get(0).asText());
        assertEquals(7, list.get(0).get("durationUs").asInt());
    }

    @Test
    public void anUnreachableDatabaseIs503AndABugIs500WithoutDetails() {
        store.failWith = new StoreUnavailableException("down", null);
        ApiHandler.Response down = call("GET", "/scripts", OWNER, null, null);
        assertError(down, 503, "unavailable");
        assertEquals("5", down.headers().get("Retry-After"));

        store.failWith = new IllegalStateException("secret detail from SQL");
        ApiHandler.Response bug = call("GET", "/scripts", OWNER, null, null);
        assertError(bug, 500, "internal");
        assertEquals("internal error", bug.body().get("error").get("message").asText());
        assertFalse(bug.body().toString().contains("secret"));
    }

    private static void assertError(ApiHandler.Response r, int status, String code) {
        assertEquals(r.body() == null ? "no body" : r.body().toString(), status, r.status());
        assertEquals(code, r.body().get("error").get("code").asText());
        assertTrue(r.body().get("error").get("message").asText().length() > 0);
    }

    private ApiHandler.Response call(String method, String path, String key, String type, String body) {
        return call(method, path, key, type, body, Map.of());
    }

    private ApiHandler.Response call(String method, String path, String key, String type, String body,
                                     Map<String, String> query) {
        Map<String, String> headers = new HashMap<>();
        if (key != null) {
            headers.put("Authorization", "Bearer " + key);
        }
        if (type != null) {
            headers.put("Content-Type", type);
        }
        return handle(method, path.replace("?", ""), headers, body, query);
    }

    private ApiHandler.Response handle(String method, String path, Map<String, String> headers, String body,
                                       Map<String, String> query) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return api.handle(new ApiHandler.Request() {
            @Override
            public String method() {
                return method;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public String header(String name) {
                return headers.get(name);
            }

            @Override
            public String query(String name) {
                return query.get(name);
            }

            @Override
            public byte[] body(int limit) {
                if (bytes.length > limit) {
                    throw new ApiException(413, "payload_too_large", "too large");
                }
                return bytes;
            }
        });
    }

    private final class FakeLog implements InvocationLog {
        @Override
        public void record(InvocationRecord record) {
            records.add(0, record);
        }

        @Override
        public List<InvocationRecord> query(String script, int limit, int offset) {
            return records.stream().filter(r -> script == null || r.script().equals(script)).skip(offset)
                    .limit(limit).toList();
        }
    }

    private static final class FakeKeys implements ApiKeyService {
        @Override
        public Optional<ApiPrincipal> authenticate(String key) {
            return switch (key) {
                case OWNER -> Optional.of(new ApiPrincipal(1, "owner", Role.OWNER, 1));
                case VIEWER -> Optional.of(new ApiPrincipal(2, "vera", Role.VIEWER, 2));
                default -> Optional.empty();
            };
        }

        @Override
        public String createKey(String userName, String keyName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ApiKeyInfo> listKeys() {
            return List.of();
        }

        @Override
        public boolean revokeKey(long id) {
            return false;
        }
    }

    private static final class FakePlatform implements PlatformInfo {
        @Override
        public String productVersion() {
            return "0.1.0";
        }

        @Override
        public String apiVersion() {
            return "v1";
        }

        @Override
        public int schemaVersion() {
            return 1;
        }
    }

    /** Rejects any source containing "= ;" with a parse error at the position of ';'. */
    private static final class FakeCheck implements ApiHandler.ScriptCheck {
        @Override
        public List<ScriptProblem> check(String name, String source) {
            int at = source.indexOf("= ;");
            return at < 0 ? List.of() : List.of(new ScriptProblem("ErrorParsing", "expression expected", 1, at + 3));
        }
    }

    private static final class FakeStore implements ScriptStore {
        final TreeMap<String, List<ScriptVersion>> versions = new TreeMap<>();
        final Map<String, Integer> active = new HashMap<>();
        RuntimeException failWith;
        String lastCreatedBy;

        private void check() {
            if (failWith != null) {
                throw failWith;
            }
        }

        @Override
        public DeployResult deploy(String name, String source) {
            return deploy(name, source, null);
        }

        @Override
        public DeployResult deploy(String name, String source, String createdBy) {
            check();
            lastCreatedBy = createdBy;
            boolean created = !versions.containsKey(name);
            List<ScriptVersion> list = versions.computeIfAbsent(name, n -> new ArrayList<>());
            ScriptVersion v = new ScriptVersion(name, list.size() + 1, Sql.sha256Hex(source), source, Instant.now());
            list.add(0, v);
            active.put(name, v.version());
            return new DeployResult(v, created);
        }

        @Override
        public Optional<ScriptVersion> active(String name) {
            check();
            Integer n = active.get(name);
            return n == null ? Optional.empty()
                    : versions.get(name).stream().filter(v -> v.version() == n).findFirst();
        }

        @Override
        public List<ScriptSummary> list() {
            check();
            return versions.keySet().stream().map(n -> {
                ScriptVersion a = active(n).orElseThrow();
                return new ScriptSummary(n, a.version(), a.hash(), versions.get(n).size(), a.createdAt());
            }).toList();
        }

        @Override
        public List<ScriptVersion> versions(String name) {
            check();
            return versions.getOrDefault(name, List.of());
        }

        @Override
        public Optional<ScriptVersion> rollback(String name, int version) {
            check();
            Optional<ScriptVersion> v = versions.getOrDefault(name, List.of()).stream()
                    .filter(x -> x.version() == version).findFirst();
            v.ifPresent(x -> active.put(name, version));
            return v;
        }

        @Override
        public boolean delete(String name) {
            check();
            active.remove(name);
            return versions.remove(name) != null;
        }
    }
}
