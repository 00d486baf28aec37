package io.picloud.manager.impl;

import io.picloud.store.impl.TcpProxy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.api.InvocationRecord;
import io.picloud.http.server.impl.TestHttpServer;
import io.picloud.store.impl.JdbcInvocationLog;
import io.picloud.store.impl.JdbcScriptStore;
import io.picloud.store.impl.StoreDatabase;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The REST API over real HTTP: {@link ApiEndpoint} on PiCloud's HTTP server, the JDBC stores on the real PostgreSQL
 * reached through a TCP proxy the test can cut, and a real HTTP client.
 */
public class ApiEndpointHttpTest {
    private static final String TOKEN = "http-test-owner-token-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestDatabase pg;
    private static TcpProxy proxy;
    private static StoreDatabase store;
    private static ManagerDatabase db;
    private static JdbcInvocationLog log;
    private static TestHttpServer server;
    private static String base;

    @BeforeClass
    public static void start() throws Exception {
        pg = new TestDatabase();
        proxy = new TcpProxy(TestDatabase.HOST, TestDatabase.PORT);
        ManagerConfig config = defaults(Map.of("_bootstrapToken", TOKEN));
        store = new StoreDatabase(ManagerDatabaseTest.proxiedFor(pg, proxy), "test-store-db");
        store.start();
        db = new ManagerDatabase(ManagerDatabaseTest.proxiedFor(pg, proxy), store, TOKEN, null);
        db.start();
        TestDatabase.awaitReady(db);
        log = new JdbcInvocationLog(store, 1000, 7, 0);
        ApiEndpoint endpoint = new ApiEndpoint(new JdbcScriptStore(store), log, new JdbcApiKeyService(db), db, store,
                new RhaiCompileCheck(), config);
        server = TestHttpServer.serving("/api/v1", endpoint);
        base = server.base() + "/api/v1";
    }

    @AfterClass
    public static void stop() throws Exception {
        server.close();
        log.stop();
        db.stop();
        store.stop();
        proxy.close();
        pg.close();
    }

    @Test
    public void scriptLifecycleOverHttp() throws Exception {
        HttpResponse<String> created = send("PUT", "/scripts/life", TOKEN, "text/plain", "40 + 2");
        assertEquals(201, created.statusCode());
        assertTrue(created.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(1, json(created).get("version").asInt());
        assertEquals(200, send("PUT", "/scripts/life", TOKEN, "application/json", "{\"source\":\"1\"}").statusCode());

        JsonNode versions = json(send("GET", "/scripts/life/versions", TOKEN, null, null));
        assertEquals(2, versions.get("versions").size());
        assertEquals(200, send("POST", "/scripts/life/rollback", TOKEN, "application/json", "{\"version\":1}")
                .statusCode());
        assertEquals("40 + 2", json(send("GET", "/scripts/life", TOKEN, null, null)).get("source").asText());

        HttpResponse<String> bad = send("PUT", "/scripts/life", TOKEN, "text/plain", "let x = ;");
        assertEquals(422, bad.statusCode());
        assertEquals("compile_error", json(bad).get("error").get("code").asText());
        assertEquals(1, json(send("GET", "/scripts/life", TOKEN, null, null)).get("version").asInt());

        log.record(new InvocationRecord("life", 1, "http", Instant.now(), 12, "ok", null, null, List.of("hi"), 3));
        await(() -> log.written() >= 1);
        JsonNode inv = json(send("GET", "/scripts/life/invocations?limit=5", TOKEN, null, null));
        assertEquals("hi", inv.get("invocations").get(0).get("output").get(0).asText());

        HttpResponse<String> deleted = send("DELETE", "/scripts/life", TOKEN, null, null);
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());
        assertEquals(404, send("GET", "/scripts/life", TOKEN, null, null).statusCode());
    }

    @Test
    public void errorsAreJson() throws Exception {
        HttpResponse<String> noKey = send("GET", "/scripts", null, null, null);
        assertEquals(401, noKey.statusCode());
        assertTrue(noKey.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals("unauthorized", json(noKey).get("error").get("code").asText());

        HttpResponse<String> big = send("PUT", "/scripts/big", TOKEN, "text/plain", "x".repeat(1_048_577));
        assertEquals(413, big.statusCode());
        assertEquals("payload_too_large", json(big).get("error").get("code").asText());

        HttpResponse<String> missing = send("GET", "/nothing", TOKEN, null, null);
        assertEquals(404, missing.statusCode());
        assertEquals("not_found", json(missing).get("error").get("code").asText());

        HttpResponse<String> version = send("GET", "/version", null, null, null);
        assertEquals(200, version.statusCode());
        assertEquals(store.schemaVersion(), json(version).get("schema").asInt());
        assertTrue(store.schemaVersion() >= 2);
        assertEquals(1, json(version).get("api").asInt());
    }

    @Test
    public void aDatabaseOutageIsDegradedNotFatal() throws Exception {
        assertEquals(201, send("PUT", "/scripts/kept", TOKEN, "text/plain", "1").statusCode());
        assertEquals(200, send("GET", "/health", null, null, null).statusCode());
        proxy.cut();
        try {
            HttpResponse<String> health = send("GET", "/health", null, null, null);
            assertEquals(503, health.statusCode());
            assertEquals("degraded", json(health).get("status").asText());
            HttpResponse<String> write = send("PUT", "/scripts/kept", TOKEN, "text/plain", "2");
            assertEquals(503, write.statusCode());
            assertEquals("unavailable", json(write).get("error").get("code").asText());
            assertEquals("5", write.headers().firstValue("Retry-After").orElse(""));
            for (int i = 0; i < 5; i++) {
                log.record(new InvocationRecord("kept", 1, "http", Instant.now(), 1, "ok", null, null, List.of(), 1));
            }
        } finally {
            proxy.restore();
        }
        await(() -> {
            try {
                return send("GET", "/health", null, null, null).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(1, json(send("GET", "/scripts/kept", TOKEN, null, null)).get("version").asInt());
        await(() -> {
            try {
                return json(send("GET", "/scripts/kept/invocations", TOKEN, null, null)).get("invocations").size() == 5;
            } catch (Exception e) {
                return false;
            }
        });
        assertFalse(json(send("GET", "/health", null, null, null)).has("reason"));
    }

    private static HttpResponse<String> send(String method, String path, String key, String type, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return ApiHandler.JSON.readTree(r.body());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertTrue("condition not reached", condition.getAsBoolean());
    }

    /** The configuration as DS would give it: defaults, overridden by {@code values} (keys = method names). */
    static ManagerConfig defaults(Map<String, Object> values) {
        return (ManagerConfig) Proxy.newProxyInstance(ManagerConfig.class.getClassLoader(),
                new Class<?>[] {ManagerConfig.class}, (p, m, a) -> {
                    if (values.containsKey(m.getName())) {
                        return values.get(m.getName());
                    }
                    if (m.getDefaultValue() != null) {
                        return m.getDefaultValue();
                    }
                    if (m.getName().equals("annotationType")) {
                        return ManagerConfig.class;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
