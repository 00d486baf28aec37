package io.picloud.trigger.webhook.impl;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerResult;
import io.picloud.http.script.HttpTriggers;
import io.picloud.http.script.ScriptAnswer;
import org.junit.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class WebhookTest {
    private static final String SECRET = "It's a Secret to Everybody";
    private static final long NOW = 1_780_000_000L;
    private static final String BODY = "{\"action\":\"opened\",\"number\":7}";

    private final WebhookTriggerType type = new WebhookTriggerType(config(1 << 20),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
    private final Recorder callback = new Recorder();

    static WebhookTriggerType.Config config(long maxBody) {
        return new WebhookTriggerType.Config() {
            @Override
            public long maxBodyBytes() {
                return maxBody;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return WebhookTriggerType.Config.class;
            }
        };
    }

    /** Computes HMAC-SHA256 hex independently of the code under test. */
    static String hmacHex(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(data.getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    static final class Recorder implements TriggerCallback {
        final List<TriggerEvent> fired = new ArrayList<>();
        TriggerResult answer = TriggerResult.ok(Map.of("ok", true));

        @Override
        public synchronized CompletionStage<TriggerResult> fire(TriggerEvent event) {
            fired.add(event);
            return CompletableFuture.completedFuture(answer);
        }

        @Override
        public TriggerResult fireNow(TriggerEvent event) {
            return fire(event).toCompletableFuture().join(); // request plugins fire on their own thread
        }

        @Override
        public boolean claim(String key) {
            return true;
        }

        @Override
        public void failed(String reason, Throwable cause) {
        }

        @Override
        public void recovered() {
        }
    }

    private TriggerHandle open(String id, Object... pairs) throws TriggerException {
        Map<String, Object> config = new HashMap<>();
        config.put("secret", SECRET);
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return type.open(new TriggerBinding(id, "webhook", "on-push", config, true, null), callback);
    }

    private ScriptAnswer post(String path, Map<String, String> headers, String body) {
        return type.endpoint().handle("POST", path, headers, null,
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void githubSignatureVerifiedThenScriptRunsWithParsedPayload() throws Exception {
        open("b1", "path", "gh", "preset", "github");
        String signature = "sha256=" + hmacHex(SECRET, BODY);
        ScriptAnswer response = post("gh", Map.of("x-hub-signature-256", signature,
                "x-github-event", "pull_request"), BODY);
        assertEquals(200, response.status());
        assertEquals("{\"ok\":true}", response.text());
        assertEquals(1, callback.fired.size());
        TriggerEvent event = callback.fired.get(0);
        assertEquals(Map.of("action", "opened", "number", 7L), event.payload());
        assertEquals("/hooks/gh", event.source());
        assertEquals("pull_request", ((Map<?, ?>) event.attributes().get("headers")).get("x-github-event"));
        assertEquals(BODY, event.attributes().get("body"));
    }

    @Test
    public void githubBadOrMissingSignatureIs401AndNothingRuns() throws Exception {
        open("b1", "path", "gh", "preset", "github");
        String good = hmacHex(SECRET, BODY);
        String flipped = (good.charAt(0) == '0' ? "1" : "0") + good.substring(1);
        assertEquals(401, post("gh", Map.of("x-hub-signature-256", "sha256=" + flipped), BODY).status());
        assertEquals(401, post("gh", Map.of("x-hub-signature-256", good), BODY).status());  // no sha256= prefix
        assertEquals(401, post("gh", Map.of(), BODY).status());
        assertEquals(401, post("gh", Map.of("x-hub-signature-256", "sha256=" + hmacHex("wrong secret", BODY)),
                BODY).status());
        assertEquals(401, post("gh", Map.of("x-hub-signature-256", "sha256=" + good), BODY + " ").status());
        ScriptAnswer refused = post("gh", Map.of(), BODY);
        assertTrue(refused.text().contains("\"code\":\"bad_signature\""));
        assertFalse("the secret never reaches a client", refused.text().contains(SECRET));
        assertTrue(callback.fired.isEmpty());
    }

    @Test
    public void stripeSignatureWithTimestampTolerance() throws Exception {
        open("b1", "path", "stripe", "preset", "stripe", "tolerance", 300L);
        String t = Long.toString(NOW - 10);
        String v1 = hmacHex(SECRET, t + "." + BODY);
        assertEquals(200, post("stripe", Map.of("stripe-signature", "t=" + t + ",v1=" + v1), BODY).status());
        // a rotated secret: the second v1 matches
        assertEquals(200, post("stripe", Map.of("stripe-signature", "t=" + t + ",v1=" + hmacHex("old-secret!", t
                + "." + BODY) + ",v1=" + v1 + ",v0=abc"), BODY).status());
        assertEquals(2, callback.fired.size());
        // too old, signed correctly
        String old = Long.toString(NOW - 301);
        assertEquals(401, post("stripe", Map.of("stripe-signature", "t=" + old + ",v1=" + hmacHex(SECRET,
                old + "." + BODY)), BODY).status());
        // signature over another timestamp
        assertEquals(401, post("stripe", Map.of("stripe-signature", "t=" + (NOW - 5) + ",v1=" + v1), BODY).status());
        assertEquals(401, post("stripe", Map.of("stripe-signature", "v1=" + v1), BODY).status());
        assertEquals(401, post("stripe", Map.of(), BODY).status());
        assertEquals(2, callback.fired.size());
    }

    @Test
    public void slackSignature() throws Exception {
        open("b1", "path", "slack/commands", "preset", "slack");
        String form = "token=x&team_id=T1&command=%2Fweather&text=94070";
        String ts = Long.toString(NOW + 20);
        String signature = "v0=" + hmacHex(SECRET, "v0:" + ts + ":" + form);
        ScriptAnswer ok = post("slack/commands", Map.of("x-slack-request-timestamp", ts,
                "x-slack-signature", signature), form);
        assertEquals(200, ok.status());
        assertEquals(form, callback.fired.get(0).payload());      // not JSON: the body as a string
        assertEquals(401, post("slack/commands", Map.of("x-slack-request-timestamp", ts), form).status());
        assertEquals(401, post("slack/commands", Map.of("x-slack-request-timestamp", ts,
                "x-slack-signature", signature.substring(3)), form).status());
        String stale = Long.toString(NOW - 600);
        assertEquals(401, post("slack/commands", Map.of("x-slack-request-timestamp", stale,
                "x-slack-signature", "v0=" + hmacHex(SECRET, "v0:" + stale + ":" + form)), form).status());
        assertEquals(1, callback.fired.size());
    }

    @Test
    public void genericHeaderWithOrWithoutPrefix() throws Exception {
        open("b1", "path", "any", "preset", "generic", "header", "X-My-Sig");
        String hex = hmacHex(SECRET, BODY);
        assertEquals(200, post("any", Map.of("x-my-sig", hex), BODY).status());
        assertEquals(200, post("any", Map.of("x-my-sig", "sha256=" + hex.toUpperCase()), BODY).status());
        assertEquals(401, post("any", Map.of("x-signature", hex), BODY).status());
        assertEquals(401, post("any", Map.of("x-my-sig", "zz" + hex.substring(2)), BODY).status());
        assertEquals(401, post("any", Map.of("x-my-sig", hex.substring(2)), BODY).status());
        assertEquals(2, callback.fired.size());
    }

    @Test
    public void scriptAnswersAndErrorsBecomeResponses() throws Exception {
        open("b1", "path", "any");
        Map<String, String> signed = Map.of("x-signature", hmacHex(SECRET, BODY));
        callback.answer = TriggerResult.ok(null);
        assertEquals(204, post("any", signed, BODY).status());
        callback.answer = TriggerResult.ok("thanks");
        ScriptAnswer text = post("any", signed, BODY);
        assertEquals("thanks", text.text());
        assertEquals("text/plain; charset=utf-8", text.contentType());
        callback.answer = TriggerResult.ok(Map.of("status", 202L, "body", Map.of("queued", true)));
        ScriptAnswer custom = post("any", signed, BODY);
        assertEquals(202, custom.status());
        assertEquals("{\"queued\":true}", custom.text());
        callback.answer = TriggerResult.error("ErrorArithmetic", "Division by zero", 3, 9);
        ScriptAnswer error = post("any", signed, BODY);
        assertEquals(500, error.status());
        assertEquals("{\"error\":{\"kind\":\"ErrorArithmetic\",\"message\":\"Division by zero\",\"line\":3,"
                + "\"column\":9}}", error.text());
        callback.answer = TriggerResult.error(TriggerResult.SCRIPT_NOT_FOUND, "no script 'on-push'", 0, 0);
        assertEquals(404, post("any", signed, BODY).status());
    }

    @Test
    public void unknownPathsWrongMethodsAndClosedHooks() throws Exception {
        TriggerHandle handle = open("b1", "path", "any");
        Map<String, String> signed = Map.of("x-signature", hmacHex(SECRET, BODY));
        assertEquals(404, post("other", signed, BODY).status());
        assertEquals(405, type.endpoint().handle("GET", "any", signed, null, new byte[0]).status());
        handle.close();
        ScriptAnswer reopening = post("any", signed, BODY);   // closed a moment ago: retry, not lost
        assertEquals(503, reopening.status());
        assertEquals(String.valueOf(HttpTriggers.RETRY_AFTER_SECONDS), reopening.headers().get("Retry-After"));
        assertTrue(callback.fired.isEmpty());
    }

    @Test
    public void whileHooksReopenUnknownPathsAre503ThenAfterTheGracePeriod404() throws Exception {
        Instant[] now = {Instant.ofEpochSecond(NOW)};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        HookEndpoint endpoint = new HookEndpoint(clock);
        // just started, nothing opened yet: the runtime is about to open the bindings
        assertEquals(503, endpoint.handle("POST", "any", Map.of(), null, new byte[0]).status());
        HookEndpoint.Hook hook = new HookEndpoint.Hook("b1", WebhookConfig.of(Map.of("path", "any", "secret", SECRET)),
                callback);
        assertNull(endpoint.add(hook));
        assertEquals(404, endpoint.handle("POST", "other", Map.of(), null, new byte[0]).status());
        endpoint.remove(hook);
        now[0] = now[0].plus(HookEndpoint.REOPEN_GRACE).minusMillis(1);
        assertEquals(503, endpoint.handle("POST", "any", Map.of(), null, new byte[0]).status());
        now[0] = now[0].plusMillis(1);
        assertEquals(404, endpoint.handle("POST", "any", Map.of(), null, new byte[0]).status());
    }

    @Test
    public void aPathServesOneBindingOnly() throws Exception {
        TriggerHandle first = open("b1", "path", "shared");
        try {
            open("b2", "path", "/shared");
            fail("two bindings on one path");
        } catch (TriggerException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("'b1'"));
        }
        first.close();
        open("b2", "path", "shared").close();
        assertEquals(0, type.endpoint().size());
    }

    @Test
    public void validationNamesTheFieldAndNeverEchoesTheSecret() throws Exception {
        assertInvalid("path", Map.of("secret", SECRET));
        assertInvalid("path", Map.of("secret", SECRET, "path", "../etc"));
        assertInvalid("secret", Map.of("path", "a"));
        assertInvalid("secret", Map.of("path", "a", "secret", "short"));
        assertInvalid("preset", Map.of("path", "a", "secret", SECRET, "preset", "gitlab"));
        assertInvalid("header", Map.of("path", "a", "secret", SECRET, "header", "X Bad"));
        assertInvalid("tolerance", Map.of("path", "a", "secret", SECRET, "tolerance", 0L));
        assertInvalid("secrett", Map.of("path", "a", "secret", SECRET, "secrett", "x"));
        WebhookConfig config = WebhookConfig.of(Map.of("path", "a", "secret", SECRET));
        assertFalse(config.toString().contains(SECRET));
        assertTrue(type.descriptor().configSchema().contains("\"writeOnly\":true"));
        assertNull(type.descriptor().configSchema().contains(SECRET) ? "leak" : null);
    }

    private void assertInvalid(String field, Map<String, Object> config) {
        try {
            type.validate(config);
            fail("accepted " + field);
        } catch (TriggerConfigException e) {
            assertEquals(e.getMessage(), field, e.field());
            assertFalse(e.getMessage().contains(SECRET));
        }
    }
}
