package io.picloud.trigger.webhook.impl;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.http.server.impl.TestHttpServer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

/** The endpoint over real HTTP, on PiCloud's HTTP server, outside Karaf. */
public class WebhookEndpointTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private final WebhookTriggerType type = new WebhookTriggerType(WebhookTest.config(256),
            Clock.systemUTC());
    private final WebhookTest.Recorder callback = new WebhookTest.Recorder();
    private final HttpClient client = HttpClient.newHttpClient();
    private TestHttpServer server;
    private String base;

    @Before
    public void start() throws Exception {
        server = TestHttpServer.serving("/hooks", type);
        base = server.base();
        type.open(new TriggerBinding("b1", "webhook", "on-push", Map.of("path", "team/push", "preset", "github",
                "secret", SECRET), true, null), callback);
        type.open(new TriggerBinding("b2", "webhook", "on-slash", Map.of("path", "slash", "preset", "generic",
                "secret", SECRET), true, null), callback);
    }

    @After
    public void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test(timeout = 30_000)
    public void signedPostsRunTheScriptAndOthersGet401() throws Exception {
        String body = "{\"ref\":\"refs/heads/main\"}";
        HttpResponse<String> ok = post("/hooks/team/push?delivery=42", body, "X-Hub-Signature-256",
                "sha256=" + WebhookTest.hmacHex(SECRET, body), "Content-Type", "application/json");
        assertEquals(200, ok.statusCode());
        assertEquals("{\"ok\":true}", ok.body());
        assertTrue(ok.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        TriggerEvent event = callback.fired.get(0);
        assertEquals(Map.of("ref", "refs/heads/main"), event.payload());
        assertEquals(Map.of("delivery", "42"), event.attributes().get("query"));
        assertEquals("application/json", ((Map<?, ?>) event.attributes().get("headers")).get("content-type"));

        HttpResponse<String> bad = post("/hooks/team/push", body, "X-Hub-Signature-256", "sha256=00");
        assertEquals(401, bad.statusCode());
        assertEquals("{\"error\":{\"code\":\"bad_signature\",\"message\":\"the request signature could not be "
                + "verified\"}}", bad.body());
        assertEquals(1, callback.fired.size());
    }

    @Test(timeout = 30_000)
    public void aFormBodyIsSignedAsSentAndNotConsumedAsParameters() throws Exception {
        String form = "command=%2Fdeploy&text=now";
        HttpResponse<String> ok = post("/hooks/slash", form, "X-Signature", WebhookTest.hmacHex(SECRET, form),
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(200, ok.statusCode());
        assertEquals(form, callback.fired.get(0).payload());
    }

    @Test(timeout = 30_000)
    public void limitsMethodsAndUnknownPaths() throws Exception {
        String big = "x".repeat(300);
        assertEquals(413, post("/hooks/slash", big, "X-Signature", WebhookTest.hmacHex(SECRET, big)).statusCode());
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(base + "/hooks/slash")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("allow").orElse(""));
        assertEquals(404, post("/hooks/unknown", "{}").statusCode());
        assertEquals(404, post("/hooks/", "{}").statusCode());
        assertTrue(callback.fired.isEmpty());
    }

    @Test(timeout = 30_000)
    public void aBlobAnswerIsItsBytesAndTheScriptSeesTheSharedRequestMap() throws Exception {
        byte[] blob = {0, 1, (byte) 0xfe, (byte) 0xff, '[', 'B', '@'};
        callback.answer = io.picloud.trigger.api.TriggerResult.ok(blob);
        String body = "{\"n\":3}";
        HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(URI.create(base + "/hooks/team/push?x=1&x=2"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + WebhookTest.hmacHex(SECRET, body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, answer.statusCode());
        assertEquals("application/octet-stream", answer.headers().firstValue("content-type").orElse(""));
        assertArrayEquals(blob, answer.body());
        Map<String, Object> seen = callback.fired.get(0).attributes();
        assertEquals("POST", seen.get("method"));
        assertEquals("/hooks/team/push", seen.get("path"));
        assertEquals(Map.of("x", "1,2"), seen.get("query"));
        assertEquals(body, seen.get("body"));
        assertEquals(Map.of("n", 3L), seen.get("json"));
        assertEquals(Map.of(), seen.get("params"));
        assertEquals("github", seen.get("preset"));
        assertSame("parsed once: the payload is the request's json", seen.get("json"), callback.fired.get(0).payload());

        callback.answer = io.picloud.trigger.api.TriggerResult.error("ErrorTerminated", "timeout limit", 2, 3);
        HttpResponse<String> slow = post("/hooks/team/push", body, "X-Hub-Signature-256",
                "sha256=" + WebhookTest.hmacHex(SECRET, body));
        assertEquals(504, slow.statusCode());
        assertEquals("{\"error\":{\"kind\":\"ErrorTerminated\",\"message\":\"timeout limit\",\"line\":2,"
                + "\"column\":3}}", slow.body());
    }
}
