package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.Test;

/**
 * The trigger plugins wired into the platform, in the real distribution: bindings made over {@code /api/v1/triggers}
 * fire scripts (cron, webhook, event chains, MQTT on the real Mosquitto at 127.0.0.1:1883); the MQTT plugin's
 * feature is installed, uninstalled (binding kept, TYPE_MISSING) and installed again (ACTIVE) at runtime; bad
 * configurations are 422 naming the field; the picloud:trigger-* commands see the same bindings.
 */
public class TriggerPluginsIT extends PicloudTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String JSON = "application/json";
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    @Test
    public void mqttFeatureComesAndGoesWhileTheBindingIsKept() throws Exception {
        awaitReady();
        deploy("on-mqtt", "\"mqtt:\" + event.topic");
        String topic = "picloud/it/" + randomHex(6);
        executeCommand("feature:install -r picloud-trigger-mqtt");
        await("the mqtt trigger type", WAIT, () -> get("/api/v1/trigger-types/mqtt", true).statusCode() == 200);

        String id = create("{\"type\":\"mqtt\",\"script\":\"on-mqtt\",\"config\":{\"topic\":\"" + topic + "\"}}");
        awaitStatus(id, "ACTIVE");
        awaitInvocations("on-mqtt", "mqtt", () -> publish(topic, "{\"n\":1}"));
        assertInvalid("{\"type\":\"mqtt\",\"script\":\"on-mqtt\",\"config\":{\"topic\":\"a\",\"qos\":5}}",
                "config.qos");
        assertInvalid("{\"type\":\"mqtt\",\"script\":\"on-mqtt\",\"config\":{}}", "config.topic");

        executeCommand("feature:uninstall -r picloud-trigger-mqtt");
        awaitStatus(id, "TYPE_MISSING");
        assertEquals(200, call("GET", "/api/v1/triggers/" + id, null, null).statusCode());
        assertEquals(404, get("/api/v1/trigger-types/mqtt", true).statusCode());
        HttpResponse<String> refused = call("POST", "/api/v1/triggers", JSON,
                "{\"type\":\"mqtt\",\"script\":\"on-mqtt\",\"config\":{\"topic\":\"x\"}}");
        assertEquals(422, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("\"field\":\"type\""));

        executeCommand("feature:install -r picloud-trigger-mqtt");
        awaitStatus(id, "ACTIVE");
        assertEquals(204, call("DELETE", "/api/v1/triggers/" + id, null, null).statusCode());
    }

    @Test
    public void cronEveryOneSecondFires() throws Exception {
        awaitReady();
        deploy("on-cron", "event.due");
        String id = create("{\"type\":\"cron\",\"script\":\"on-cron\",\"config\":{\"schedule\":\"@every 1s\"}}");
        awaitStatus(id, "ACTIVE");
        await("two cron runs of on-cron", WAIT, () -> invocations("on-cron", "cron") >= 2);
        assertInvalid("{\"type\":\"cron\",\"script\":\"on-cron\",\"config\":{\"schedule\":\"61 * * * *\"}}",
                "config.schedule");
        assertInvalid("{\"type\":\"cron\",\"script\":\"on-cron\",\"config\":{\"schedule\":\"@daily\",\"timezone\":\"Mars/Base\"}}",
                "config.timezone");

        String shown = executeCommand("picloud:trigger-list");
        assertTrue(shown, shown.contains(id) && shown.contains("on-cron") && shown.contains("ACTIVE"));
        executeCommand("picloud:trigger-disable " + id);
        awaitStatus(id, "DISABLED");
        executeCommand("picloud:trigger-remove " + id);
        assertEquals(404, call("GET", "/api/v1/triggers/" + id, null, null).statusCode());
    }

    @Test
    public void webhookChecksTheSignature() throws Exception {
        awaitReady();
        deploy("on-hook", "\"got \" + event.payload.n");
        String path = "it-" + randomHex(4);
        String secret = "it-webhook-secret-" + randomHex(4);
        String id = create("{\"type\":\"webhook\",\"script\":\"on-hook\",\"config\":{\"path\":\"" + path
                + "\",\"secret\":\"" + secret + "\"}}");
        String shown = call("GET", "/api/v1/triggers/" + id, null, null).body();
        assertFalse("secret returned: " + shown, shown.contains(secret));
        awaitStatus(id, "ACTIVE");

        String body = "{\"n\":7}";
        await("the signed webhook to answer 200", WAIT, () -> hook(path, body, hmac(secret, body)).statusCode() == 200);
        HttpResponse<String> good = hook(path, body, "sha256=" + hmac(secret, body));
        assertEquals(200, good.statusCode());
        assertEquals("got 7", good.body());
        assertEquals(401, hook(path, body, hmac("another-secret-000", body)).statusCode());
        assertEquals(401, hook(path, body, null).statusCode());
        await("the webhook invocations", WAIT, () -> invocations("on-hook", "webhook") >= 2);
        assertInvalid("{\"type\":\"webhook\",\"script\":\"on-hook\",\"config\":{\"path\":\"p\",\"secret\":\"short\"}}",
                "config.secret");
        assertInvalid("{\"type\":\"webhook\",\"script\":\"on-hook\",\"config\":{\"path\":\"../x\",\"secret\":\"long-enough-secret\"}}",
                "config.path");
    }

    @Test
    public void httpRoutesPassPathParameters() throws Exception {
        awaitReady();
        deploy("route-user", "\"user \" + request.params.id + \" via \" + request.method");
        String prefix = "/it-" + randomHex(4); // bindings may survive earlier runs in the database: no conflicts
        String id = create("{\"type\":\"http\",\"script\":\"route-user\",\"config\":{\"method\":\"GET\","
                + "\"path\":\"" + prefix + "/users/{id}\"}}");
        awaitStatus(id, "ACTIVE");
        await("GET /r" + prefix + "/users/42 to answer 200", WAIT,
                () -> get("/r" + prefix + "/users/42").statusCode() == 200);
        assertEquals("user 42 via GET", get("/r" + prefix + "/users/42").body());
        HttpResponse<String> missing = get("/r" + prefix + "/nobody");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body(), missing.body().contains("\"code\":\"not_found\""));
        assertInvalid("{\"type\":\"http\",\"script\":\"route-user\",\"config\":{\"method\":\"GET\","
                + "\"path\":\"" + prefix + "/users/{other}\"}}", "config.path");
        // an identical route too: validation sees the stored bindings (not only routes open here), except the
        // binding being saved, which may be re-saved unchanged
        String same = "{\"type\":\"http\",\"script\":\"route-user\",\"config\":{\"method\":\"GET\","
                + "\"path\":\"" + prefix + "/users/{id}\"}}";
        HttpResponse<String> duplicate = call("POST", "/api/v1/triggers", JSON, same);
        assertEquals(duplicate.body(), 422, duplicate.statusCode());
        assertTrue(duplicate.body(), duplicate.body().contains("\"field\":\"config.path\""));
        assertTrue(duplicate.body(), duplicate.body().contains("conflicts with binding " + id));
        HttpResponse<String> resaved = call("PUT", "/api/v1/triggers/" + id, JSON, same);
        assertEquals(resaved.body(), 200, resaved.statusCode());
        assertInvalid("{\"type\":\"http\",\"script\":\"route-user\",\"config\":{\"method\":\"FETCH\","
                + "\"path\":\"/x\"}}", "config.method");
        assertEquals(204, call("DELETE", "/api/v1/triggers/" + id, null, null).statusCode());
        await("the route to close", WAIT, () -> get("/r" + prefix + "/users/42").statusCode() == 404);
    }

    @Test
    public void emitChainsFireTheSecondScript() throws Exception {
        awaitReady();
        String topic = "it-chain-" + randomHex(4);
        deploy("chain-second", "print(event.payload.n * 2)");
        deploy("chain-first", "emit(\"" + topic + "\", #{n: 21})");
        String id = create("{\"type\":\"event\",\"script\":\"chain-second\",\"config\":{\"topic\":\"" + topic + "\"}}");
        awaitStatus(id, "ACTIVE");
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        await("/fn/chain-first to answer", WAIT, () -> get("/fn/chain-first").statusCode() == 200
                && answered.incrementAndGet() > 0);
        await("chain-second fired by the emit", WAIT, () -> invocations("chain-second", "event") >= 1);
        assertTrue(call("GET", "/api/v1/scripts/chain-second/invocations", null, null).body().contains("42"));
        // later calls try the I/O thread first: the emit must make them leave it before it happens, never twice
        for (int i = 0; i < 4; i++) {
            assertEquals(200, get("/fn/chain-first").statusCode());
            answered.incrementAndGet();
        }
        await("one emit per call", WAIT, () -> invocations("chain-second", "event") >= answered.get());
        Thread.sleep(500);
        assertEquals(answered.get(), invocations("chain-second", "event"));
        assertInvalid("{\"type\":\"event\",\"script\":\"chain-second\",\"config\":{}}", "config.topic");
        assertInvalid("{\"type\":\"nope\",\"script\":\"chain-second\",\"config\":{}}", "type");
        assertInvalid("{\"type\":\"event\",\"script\":\"no-such-script\",\"config\":{\"topic\":\"t\"}}", "script");

        String types = executeCommand("picloud:trigger-types");
        assertTrue(types, types.contains("cron") && types.contains("webhook") && types.contains("event"));
    }

    // ---------------------------------------------------------------- helpers

    private void deploy(String name, String source) throws Exception {
        HttpResponse<String> r = call("PUT", "/api/v1/scripts/" + name, "text/plain", source);
        assertTrue(r.body(), r.statusCode() == 201 || r.statusCode() == 200);
    }

    private String create(String binding) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/triggers", JSON, binding);
        assertEquals(r.body(), 201, r.statusCode());
        Matcher m = ID.matcher(r.body());
        assertTrue(r.body(), m.find());
        return m.group(1);
    }

    private void awaitStatus(String id, String state) throws Exception {
        await("binding " + id + " to be " + state, WAIT, () -> call("GET", "/api/v1/triggers/" + id, null, null)
                .body().contains("\"status\":\"" + state + "\""));
    }

    private void assertInvalid(String binding, String field) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/triggers", JSON, binding);
        assertEquals(r.body(), 422, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"field\":\"" + field + "\""));
    }

    /** How many invocations of {@code script} came from {@code trigger}. */
    private int invocations(String script, String trigger) throws Exception {
        String body = call("GET", "/api/v1/scripts/" + script + "/invocations?limit=100", null, null).body();
        int n = 0;
        for (int at = body.indexOf("\"trigger\":\"" + trigger + "\""); at >= 0;
             at = body.indexOf("\"trigger\":\"" + trigger + "\"", at + 1)) {
            n++;
        }
        return n;
    }

    /** Waits for an invocation, doing {@code action} once a second meanwhile (QoS 0 messages before SUBSCRIBE are lost). */
    private void awaitInvocations(String script, String trigger, IoAction action) throws Exception {
        long[] next = {0};
        await(script + " fired by " + trigger, WAIT, () -> {
            if (System.nanoTime() > next[0]) {
                action.run();
                next[0] = System.nanoTime() + 1_000_000_000L;
            }
            return invocations(script, trigger) >= 1;
        });
    }

    private HttpResponse<String> get(String path, boolean withKey) throws Exception {
        return send((withKey ? authorized(path) : request(path)).GET().build());
    }

    private HttpResponse<String> hook(String path, String body, String signature) throws Exception {
        HttpRequest.Builder b = request("/hooks/" + path).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (signature != null) {
            b.header("X-Signature", signature);
        }
        return send(b.build());
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    interface IoAction {
        void run() throws Exception;
    }

    private static void publish(String topic, String payload) throws IOException {
        MqttPublisher.publish(topic, payload, 0);
    }
}
