package io.picloud.manager.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.api.TriggerStatus;
import io.picloud.api.TriggerStatusService;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerConfigs;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerType;
import io.picloud.trigger.api.ValidationContext;
import io.picloud.http.server.impl.TestHttpServer;
import io.picloud.store.impl.JdbcBindingStatusStore;
import io.picloud.store.impl.JdbcBindingStore;
import io.picloud.store.impl.JdbcInvocationLog;
import io.picloud.store.impl.JdbcScriptStore;
import io.picloud.store.impl.StoreDatabase;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * {@code /api/v1/triggers} and {@code /api/v1/trigger-types} over real HTTP: {@link TriggersEndpoint} beside
 * {@link ApiEndpoint} on PiCloud's HTTP server (the longer patterns must win), JDBC stores on the real PostgreSQL.
 */
public class TriggersEndpointHttpTest {
    private static final String TOKEN = "triggers-http-test-owner-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "s3cret-value-never-shown";

    private static TestDatabase pg;
    private static ManagerDatabase db;
    private static JdbcBindingStore bindings;
    private static TriggersEndpoint endpoint;
    private static TestHttpServer server;
    private static String base;
    private static String viewerKey;
    private static final Map<String, TriggerStatus> LIVE = new ConcurrentHashMap<>();

    @BeforeClass
    public static void start() throws Exception {
        pg = new TestDatabase();
        db = pg.manager(TOKEN, null);
        StoreDatabase store = pg.store();
        ManagerConfig config = ApiEndpointHttpTest.defaults(Map.of());
        JdbcScriptStore scripts = new JdbcScriptStore(store);
        JdbcApiKeyService keys = new JdbcApiKeyService(db);
        bindings = new JdbcBindingStore(store, pg.dataSource);
        scripts.deploy("target", "42");
        pg.execute("INSERT INTO users (name, role) VALUES ('watcher', 'viewer')");
        viewerKey = keys.createKey("watcher", "read");

        endpoint = new TriggersEndpoint(bindings, scripts, keys, new JdbcBindingStatusStore(store), config);
        endpoint.addType("fake", new FakeType());
        endpoint.addType("unique", new UniqueType());
        ApiEndpoint api = new ApiEndpoint(scripts, new JdbcInvocationLog(store, 10, 7, 0), keys, db, store,
                new RhaiCompileCheck(), config);
        server = TestHttpServer.serving("/api/v1", api).and("/api/v1/triggers", endpoint)
                .and("/api/v1/trigger-types", endpoint);
        base = server.base() + "/api/v1";
    }

    @AfterClass
    public static void stop() throws Exception {
        server.close();
        bindings.deactivate();
        db.stop();
        pg.close();
    }

    @Test
    public void bindingLifecycleWithMaskedSecretAndLiveStatus() throws Exception {
        HttpResponse<String> created = send("POST", "/triggers", TOKEN,
                "{\"type\":\"fake\",\"script\":\"target\",\"config\":{\"topic\":\"a/b\",\"secret\":\"" + SECRET
                        + "\",\"qos\":1}}");
        assertEquals(created.body(), 201, created.statusCode());
        assertFalse("secret echoed", created.body().contains(SECRET));
        JsonNode b = json(created);
        String id = b.get("id").asText();
        assertEquals("/api/v1/triggers/" + id, created.headers().firstValue("Location").orElse(""));
        assertEquals("fake", b.get("type").asText());
        assertEquals("target", b.get("script").asText());
        assertEquals("a/b", b.get("config").get("topic").asText());
        assertEquals(TriggerJson.MASK, b.get("config").get("secret").asText());
        assertEquals(1, b.get("config").get("qos").asInt());
        assertTrue(b.get("enabled").asBoolean());
        assertEquals(BindingStatuses.UNKNOWN, b.get("status").asText());
        assertEquals(SECRET, bindings.find(id).orElseThrow().config().get("secret"));

        endpoint.setStatuses(new Statuses());
        LIVE.put(id, new TriggerStatus(id, "fake", "target", TriggerStatus.ACTIVE, null, Instant.now()));
        JsonNode listed = json(send("GET", "/triggers", viewerKey, null));
        assertEquals(1, listed.get("triggers").size());
        assertEquals("ACTIVE", listed.get("triggers").get(0).get("status").asText());
        assertFalse(listed.toString().contains(SECRET));

        // PUT with the mask keeps the stored secret
        HttpResponse<String> put = send("PUT", "/triggers/" + id, TOKEN,
                "{\"type\":\"fake\",\"script\":\"target\",\"config\":{\"topic\":\"c/d\",\"secret\":\"" + TriggerJson.MASK
                        + "\"}}");
        assertEquals(put.body(), 200, put.statusCode());
        assertEquals("c/d", bindings.find(id).orElseThrow().config().get("topic"));
        assertEquals(SECRET, bindings.find(id).orElseThrow().config().get("secret"));

        LIVE.remove(id);
        JsonNode disabled = json(send("POST", "/triggers/" + id + "/disable", TOKEN, ""));
        assertFalse(disabled.get("enabled").asBoolean());
        assertEquals("DISABLED", disabled.get("status").asText());
        assertTrue(json(send("POST", "/triggers/" + id + "/enable", TOKEN, "")).get("enabled").asBoolean());
        assertEquals(id, json(send("GET", "/triggers/" + id, viewerKey, null)).get("id").asText());

        // a stored binding whose type left is kept and shown TYPE_MISSING; it can be read, disabled and deleted
        FakeType gone = new FakeType();
        endpoint.addType("gone", gone);
        String goneId = json(send("POST", "/triggers", TOKEN,
                "{\"type\":\"gone\",\"script\":\"target\",\"config\":{\"topic\":\"x\"}}")).get("id").asText();
        endpoint.removeType("gone", gone);
        JsonNode missing = json(send("GET", "/triggers/" + goneId, TOKEN, null));
        assertEquals("TYPE_MISSING", missing.get("status").asText());
        assertTrue(missing.get("detail").asText().contains("gone"));

        assertEquals(204, send("DELETE", "/triggers/" + id, TOKEN, null).statusCode());
        assertEquals(404, send("GET", "/triggers/" + id, TOKEN, null).statusCode());
        assertEquals(204, send("DELETE", "/triggers/" + goneId, TOKEN, null).statusCode());
        assertEquals(0, json(send("GET", "/triggers", TOKEN, null)).get("triggers").size());
    }

    @Test
    public void invalidBindingsAre422NamingTheField() throws Exception {
        assertInvalid("{\"type\":\"fake\",\"script\":\"target\",\"config\":{}}", "invalid_config", "config.topic");
        assertInvalid("{\"type\":\"fake\",\"script\":\"target\",\"config\":{\"topic\":\"t\",\"secret\":\"short\"}}",
                "invalid_config", "config.secret");
        assertInvalid("{\"type\":\"nope\",\"script\":\"target\",\"config\":{}}", "unknown_type", "type");
        assertInvalid("{\"type\":\"fake\",\"script\":\"no-such-script\",\"config\":{\"topic\":\"t\"}}",
                "unknown_script", "script");
        assertInvalid("{\"script\":\"target\"}", "invalid_binding", "type");
        assertInvalid("{\"type\":\"fake\",\"script\":\"target\",\"config\":[]}", "invalid_config", "config");
        HttpResponse<String> r = send("POST", "/triggers", TOKEN,
                "{\"type\":\"fake\",\"script\":\"target\",\"config\":{\"topic\":\"t\",\"secret\":\"short\"}}");
        assertFalse(r.body().contains("short\""));
        assertEquals(0, bindings.list().size());
    }

    @Test
    public void validationSeesTheOtherStoredBindingsOfTheTypeButNotTheOneSaved() throws Exception {
        HttpResponse<String> first = send("POST", "/triggers", TOKEN,
                "{\"type\":\"unique\",\"script\":\"target\",\"config\":{\"topic\":\"only-once\"}}");
        assertEquals(first.body(), 201, first.statusCode());
        String id = json(first).get("id").asText();
        // a binding of another type with the same topic is no conflict
        HttpResponse<String> otherType = send("POST", "/triggers", TOKEN,
                "{\"type\":\"fake\",\"script\":\"target\",\"config\":{\"topic\":\"only-once\"}}");
        assertEquals(otherType.body(), 201, otherType.statusCode());
        HttpResponse<String> second = send("POST", "/triggers", TOKEN,
                "{\"type\":\"unique\",\"script\":\"target\",\"config\":{\"topic\":\"only-once\"}}");
        assertEquals(second.body(), 422, second.statusCode());
        JsonNode error = json(second).get("error");
        assertEquals("invalid_config", error.get("code").asText());
        assertEquals("config.topic", error.get("field").asText());
        assertTrue(error.get("message").asText(), error.get("message").asText().contains(id));
        // re-saving the first one (same topic) is no conflict with itself
        HttpResponse<String> resave = send("PUT", "/triggers/" + id, TOKEN,
                "{\"config\":{\"topic\":\"only-once\"},\"enabled\":false}");
        assertEquals(resave.body(), 200, resave.statusCode());
        // a disabled binding still holds its topic: another one changed to it conflicts on PUT
        String other = json(send("POST", "/triggers", TOKEN,
                "{\"type\":\"unique\",\"script\":\"target\",\"config\":{\"topic\":\"elsewhere\"}}"))
                .get("id").asText();
        HttpResponse<String> clash = send("PUT", "/triggers/" + other, TOKEN, "{\"config\":{\"topic\":\"only-once\"}}");
        assertEquals(clash.body(), 422, clash.statusCode());
        assertEquals("config.topic", json(clash).get("error").get("field").asText());
        assertEquals("elsewhere", bindings.find(other).orElseThrow().config().get("topic"));
        for (String created : List.of(id, other, json(otherType).get("id").asText())) {
            assertEquals(204, send("DELETE", "/triggers/" + created, TOKEN, null).statusCode());
        }
    }

    @Test
    public void authRolesAndErrorsAreLikeTheRestOfTheApi() throws Exception {
        HttpResponse<String> noKey = send("GET", "/triggers", null, null);
        assertEquals(401, noKey.statusCode());
        assertEquals("unauthorized", json(noKey).get("error").get("code").asText());
        assertTrue(noKey.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        HttpResponse<String> viewer = send("POST", "/triggers", viewerKey,
                "{\"type\":\"fake\",\"script\":\"target\",\"config\":{\"topic\":\"t\"}}");
        assertEquals(403, viewer.statusCode());
        assertEquals("forbidden", json(viewer).get("error").get("code").asText());
        assertEquals(404, send("GET", "/triggers/nope", TOKEN, null).statusCode());
        assertEquals(404, send("GET", "/triggers/x/y/z", TOKEN, null).statusCode());
        HttpResponse<String> wrong = send("DELETE", "/triggers", TOKEN, null);
        assertEquals(405, wrong.statusCode());
        assertEquals("GET, POST", wrong.headers().firstValue("Allow").orElse(""));
        assertEquals("bad_request", json(send("POST", "/triggers", TOKEN, "{nope")).get("error").get("code").asText());
        // the general API still answers beside the trigger endpoint
        assertEquals(3, json(send("GET", "/version", null, null)).get("schema").asInt());
    }

    @Test
    public void triggerTypesListInstalledTypesWithSchema() throws Exception {
        JsonNode types = json(send("GET", "/trigger-types", viewerKey, null)).get("types");
        assertEquals(2, types.size());
        assertEquals("unique", types.get(1).get("id").asText());
        JsonNode fake = types.get(0);
        assertEquals("fake", fake.get("id").asText());
        assertEquals("Fake", fake.get("label").asText());
        assertTrue(fake.get("schema").get("properties").get("secret").get("writeOnly").asBoolean());
        assertEquals("fake", json(send("GET", "/trigger-types/fake", TOKEN, null)).get("id").asText());
        assertEquals(404, send("GET", "/trigger-types/none", TOKEN, null).statusCode());
        assertEquals(401, send("GET", "/trigger-types", null, null).statusCode());
    }

    private static void assertInvalid(String body, String code, String field) throws Exception {
        HttpResponse<String> r = send("POST", "/triggers", TOKEN, body);
        assertEquals(r.body(), 422, r.statusCode());
        JsonNode error = json(r).get("error");
        assertEquals(r.body(), code, error.get("code").asText());
        assertEquals(r.body(), field, error.get("field").asText());
        assertFalse(error.get("message").asText().isEmpty());
    }

    private static HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return ApiHandler.JSON.readTree(r.body());
    }

    private static final class Statuses implements TriggerStatusService {
        @Override
        public List<TriggerStatus> statuses() {
            return List.copyOf(LIVE.values());
        }

        @Override
        public Optional<TriggerStatus> status(String bindingId) {
            return Optional.ofNullable(LIVE.get(bindingId));
        }

        @Override
        public List<String> installedTypes() {
            return List.of("fake");
        }
    }

    /** A type whose {@code topic} must differ from every other stored binding's of the type (enabled or not). */
    static final class UniqueType implements TriggerType {
        @Override
        public TriggerDescriptor descriptor() {
            return new TriggerDescriptor("unique", "Unique", "for tests", "{\"type\":\"object\"}");
        }

        @Override
        public void validate(Map<String, Object> config) throws TriggerConfigException {
            TriggerConfigs.string(config, "topic", null);
        }

        @Override
        public void validate(Map<String, Object> config, ValidationContext context) throws TriggerException {
            validate(config);
            for (TriggerBinding other : context.otherBindings()) {
                assertEquals("unique", other.type());
                assertFalse("the binding being saved is not among the others", other.id().equals(context.bindingId()));
                if (other.config().get("topic").equals(config.get("topic"))) {
                    throw new TriggerConfigException("topic", "binding " + other.id() + " has this topic");
                }
            }
        }

        @Override
        public TriggerHandle open(TriggerBinding binding, TriggerCallback callback) {
            throw new UnsupportedOperationException();
        }
    }

    /** A type with a required {@code topic} and an optional write-only {@code secret} of at least 8 characters. */
    static final class FakeType implements TriggerType {
        @Override
        public TriggerDescriptor descriptor() {
            return new TriggerDescriptor("fake", "Fake", "for tests",
                    "{\"type\":\"object\",\"required\":[\"topic\"],\"properties\":{\"topic\":{\"type\":\"string\"},"
                            + "\"qos\":{\"type\":\"integer\"},"
                            + "\"secret\":{\"type\":\"string\",\"minLength\":8,\"writeOnly\":true}}}");
        }

        @Override
        public void validate(Map<String, Object> config) throws TriggerConfigException {
            TriggerConfigs.onlyKnown(config, java.util.Set.of("topic", "qos", "secret"));
            TriggerConfigs.string(config, "topic", null);
            TriggerConfigs.integer(config, "qos", 0, 0, 2);
            if (config.containsKey("secret") && TriggerConfigs.string(config, "secret", null).length() < 8) {
                throw new TriggerConfigException("secret", "must have at least 8 characters");
            }
        }

        @Override
        public TriggerHandle open(TriggerBinding binding, TriggerCallback callback) {
            throw new UnsupportedOperationException();
        }
    }
}
