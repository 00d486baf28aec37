package io.picloud.trigger.httproute.impl;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerException;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerResult;
import io.picloud.trigger.api.ValidationContext;
import io.picloud.http.script.HttpTriggers;
import io.picloud.http.script.ScriptAnswer;
import org.junit.Test;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Patterns, validation, conflicts, matching precedence and the answer mapping, without HTTP. */
public class HttpRouteTest {
    private final HttpRouteTriggerType type = new HttpRouteTriggerType(config(1 << 20));

    static HttpRouteTriggerType.Config config(long maxBody) {
        return new HttpRouteTriggerType.Config() {
            @Override
            public long maxBodyBytes() {
                return maxBody;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return HttpRouteTriggerType.Config.class;
            }
        };
    }

    /** Answers every event with {@code answer.apply(event)} and records it. */
    static class Recorder implements TriggerCallback {
        final List<TriggerEvent> fired = new ArrayList<>();
        final String name;
        Function<TriggerEvent, TriggerResult> answer;

        Recorder(String name) {
            this.name = name;
            this.answer = e -> TriggerResult.ok(name);
        }

        @Override
        public synchronized CompletionStage<TriggerResult> fire(TriggerEvent event) {
            fired.add(event);
            return CompletableFuture.completedFuture(answer.apply(event));
        }

        @Override
        public TriggerResult fireNow(TriggerEvent event) {
            return fire(event).toCompletableFuture().join(); // request plugins fire on their own thread
        }

        /** Events run inline, when {@link #inline} allows it. */
        final List<TriggerEvent> firedInline = new ArrayList<>();
        boolean inline;

        @Override
        public boolean mayFireInline() {
            return inline;
        }

        @Override
        public synchronized TriggerResult fireInline(TriggerEvent event) {
            if (!inline) {
                return null;
            }
            firedInline.add(event);
            return answer.apply(event);
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

    static TriggerHandle open(HttpRouteTriggerType type, String id, String method, String path,
                              TriggerCallback callback) throws TriggerException {
        return type.open(new TriggerBinding(id, "http", "script-" + id, Map.of("method", method, "path", path),
                true, null), callback);
    }

    private void assertInvalid(Map<String, Object> config, String field, String fragment) {
        try {
            type.validate(config);
            fail("accepted " + config);
        } catch (TriggerConfigException e) {
            assertEquals(field, e.field());
            assertTrue(e.getMessage(), e.getMessage().startsWith("config." + field + ": "));
            assertTrue(e.getMessage(), e.getMessage().contains(fragment));
        }
    }

    private static RouteTable.Request request(String method, String path) {
        return new RouteTable.Request(method, path, null, Map.of(), "", null);
    }

    @Test
    public void validConfigurationsPass() throws Exception {
        type.validate(Map.of("method", "GET", "path", "/users/{id}"));
        type.validate(Map.of("path", "/"));
        type.validate(Map.of("method", "ANY", "path", "/files/{path*}"));
        type.validate(Map.of("method", "*", "path", "/a/b/{c}/d"));
        type.validate(Map.of("method", "delete", "path", "/users/{user_id}/posts/{post}"));
    }

    @Test
    public void invalidConfigurationsNameTheField() {
        assertInvalid(Map.of("method", "FETCH", "path", "/x"), "method", "FETCH");
        assertInvalid(Map.of("method", "GET"), "path", "required");
        assertInvalid(Map.of("path", "users"), "path", "start with '/'");
        assertInvalid(Map.of("path", "/users//x"), "path", "empty segment");
        assertInvalid(Map.of("path", "/users/"), "path", "empty segment");
        assertInvalid(Map.of("path", "/users/{}"), "path", "parameter name");
        assertInvalid(Map.of("path", "/users/{1d}"), "path", "parameter name");
        assertInvalid(Map.of("path", "/users/{a-b}"), "path", "parameter name");
        assertInvalid(Map.of("path", "/users/x{id}"), "path", "whole segment");
        assertInvalid(Map.of("path", "/a/{id}/b/{id}"), "path", "'id' appears twice");
        assertInvalid(Map.of("path", "/files/{rest*}/meta"), "path", "must be the last segment");
        assertInvalid(Map.of("path", "/x", "verb", "GET"), "verb", "not a field");
        assertInvalid(Map.of("path", 42L), "path", "string");
    }

    @Test
    public void equivalentRoutesConflictAtValidationAndOpen() throws Exception {
        Recorder users = new Recorder("users");
        TriggerHandle handle = open(type, "b-1", "GET", "/users/{id}", users);
        assertInvalid(Map.of("method", "GET", "path", "/users/{uid}"), "path", "conflicts with binding b-1");
        // other method, other literal, other shape: no conflict
        type.validate(Map.of("method", "POST", "path", "/users/{uid}"));
        type.validate(Map.of("method", "GET", "path", "/users/me"));
        type.validate(Map.of("method", "GET", "path", "/users/{id}/posts"));
        type.validate(Map.of("method", "*", "path", "/users/{id}"));
        // identical method and text: may be b-1 itself being re-saved, so validation passes and open() decides
        type.validate(Map.of("method", "GET", "path", "/users/{id}"));
        try {
            open(type, "b-2", "GET", "/users/{id}", new Recorder("dup"));
            fail("a duplicate route was opened");
        } catch (TriggerException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("conflicts with binding b-1"));
        }
        assertEquals(1, type.table().size());
        handle.close();
        handle.close();
        assertEquals(0, type.table().size());
        type.validate(Map.of("method", "GET", "path", "/users/{uid}"));
    }

    /** The stored bindings as the manager passes them: other nodes' routes count, the one being saved does not. */
    private static ValidationContext stored(String savedId, TriggerBinding... others) {
        return new ValidationContext() {
            @Override
            public String bindingId() {
                return savedId;
            }

            @Override
            public List<TriggerBinding> otherBindings() {
                return List.of(others);
            }
        };
    }

    private static TriggerBinding storedRoute(String id, String method, String path, boolean enabled) {
        return new TriggerBinding(id, "http", "script-" + id, Map.of("method", method, "path", path), enabled, null);
    }

    @Test
    public void storedRoutesConflictAtValidationClusterWide() throws Exception {
        // b-1 is stored (open on another node, not here): an identical or equivalent route is refused
        TriggerBinding b1 = storedRoute("b-1", "GET", "/users/{id}", true);
        for (String path : List.of("/users/{id}", "/users/{uid}")) {
            try {
                type.validate(Map.of("method", "GET", "path", path), stored(null, b1));
                fail("accepted GET " + path);
            } catch (TriggerConfigException e) {
                assertEquals("path", e.field());
                assertTrue(e.getMessage(), e.getMessage().contains("conflicts with binding b-1 (GET /users/{id})"));
            }
        }
        // a disabled stored route still holds its path
        try {
            type.validate(Map.of("method", "GET", "path", "/users/{id}"),
                    stored("b-3", storedRoute("b-2", "get", "/users/{x}", false)));
            fail("accepted a route a disabled binding has");
        } catch (TriggerConfigException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("b-2 (GET /users/{x}, disabled)"));
        }
        // b-1 re-saved (not among the others), other methods and shapes, broken stored configs: no conflict
        type.validate(Map.of("method", "GET", "path", "/users/{id}"), stored("b-1"));
        type.validate(Map.of("method", "POST", "path", "/users/{id}"), stored(null, b1));
        type.validate(Map.of("method", "*", "path", "/users/{id}"), stored(null, b1));
        type.validate(Map.of("method", "GET", "path", "/users/me"), stored(null, b1));
        type.validate(Map.of("method", "GET", "path", "/users/{id}"),
                stored(null, new TriggerBinding("b-9", "http", "s", Map.of("path", "no-slash"), true, null)));
        // the configuration itself is still checked first
        try {
            type.validate(Map.of("method", "FETCH", "path", "/users/{id}"), stored(null, b1));
            fail("accepted FETCH");
        } catch (TriggerConfigException e) {
            assertEquals("method", e.field());
        }
    }

    /** A clock the test moves. */
    static final class TestClock extends java.time.Clock {
        java.time.Instant now = java.time.Instant.parse("2026-06-01T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    public void whileRoutesReopenUnmatchedRequestsAre503NotLost() throws Exception {
        TestClock clock = new TestClock();
        RouteTable table = new RouteTable(clock);
        // a plugin that just started: the runtime has not opened its bindings yet
        ScriptAnswer early = table.handle(request("GET", "/users/1"));
        assertEquals(503, early.status());
        assertEquals(String.valueOf(HttpTriggers.RETRY_AFTER_SECONDS), early.headers().get("Retry-After"));

        RouteTable.Route users = new RouteTable.Route("b-1", RouteConfig.of(Map.of("path", "/users/{id}")),
                new Recorder("users"));
        assertNull(table.add(users));
        assertEquals(404, table.handle(request("GET", "/other")).status());
        // closed (plugin update, binding change): its path is 503 for the grace period, other paths stay 404
        table.remove(users);
        assertEquals(503, table.handle(request("GET", "/users/1")).status());
        assertEquals(404, table.handle(request("GET", "/other")).status());
        // reopened: served again
        RouteTable.Route reopened = new RouteTable.Route("b-1", RouteConfig.of(Map.of("path", "/users/{id}")),
                new Recorder("again"));
        assertNull(table.add(reopened));
        assertEquals("again", table.handle(request("GET", "/users/1")).text());
        // closed for good (deleted): 503 until the grace period ends, then 404
        table.remove(reopened);
        clock.now = clock.now.plus(RouteTable.REOPEN_GRACE).minusMillis(1);
        assertEquals(503, table.handle(request("GET", "/users/1")).status());
        clock.now = clock.now.plusMillis(1);
        assertEquals(404, table.handle(request("GET", "/users/1")).status());

        // a table that opened nothing for the whole grace period has no bindings: 404
        RouteTable idle = new RouteTable(clock);
        clock.now = clock.now.plus(RouteTable.REOPEN_GRACE);
        assertEquals(404, idle.handle(request("GET", "/users/1")).status());
    }

    @Test
    public void literalsBeatParametersThenTheLongestPattern() throws Exception {
        open(type, "id", "GET", "/users/{id}", new Recorder("id"));
        open(type, "me", "GET", "/users/me", new Recorder("me"));
        open(type, "files", "GET", "/files/{path*}", new Recorder("files"));
        open(type, "readme", "GET", "/files/{dir}/README", new Recorder("readme"));
        open(type, "docs", "GET", "/files/docs/{name}", new Recorder("docs"));
        open(type, "any", "*", "/users/{id}", new Recorder("any"));
        RouteTable table = type.table();
        assertEquals("me", table.match("GET", "/users/me").route().bindingId());
        assertEquals("id", table.match("GET", "/users/42").route().bindingId());
        assertEquals(Map.of("id", "42"), table.match("GET", "/users/42").params());
        assertEquals("any", table.match("PUT", "/users/42").route().bindingId());
        assertEquals("files", table.match("GET", "/files/a").route().bindingId());
        assertEquals(Map.of("path", "a/b/c.txt"), table.match("GET", "/files/a/b/c.txt").params());
        assertEquals("readme", table.match("GET", "/files/src/README").route().bindingId());
        assertEquals("docs", table.match("GET", "/files/docs/README").route().bindingId());
        assertEquals(Map.of("id", "a b/c"), table.match("GET", "/users/a%20b%2Fc").params());
        assertNull(table.match("GET", "/files").route());
        assertEquals(404, table.match("GET", "/files").error().status());
    }

    @Test
    public void unknownPathsAre404AndWrongMethods405WithAllow() throws Exception {
        open(type, "get", "GET", "/users/{id}", new Recorder("get"));
        open(type, "del", "DELETE", "/users/{id}", new Recorder("del"));
        ScriptAnswer missing = type.table().handle(request("GET", "/nothing/here"));
        assertEquals(404, missing.status());
        assertEquals("{\"error\":{\"code\":\"not_found\",\"message\":\"no route matches /r/nothing/here\"}}",
                missing.text());
        ScriptAnswer wrong = type.table().handle(request("POST", "/users/7"));
        assertEquals(405, wrong.status());
        assertEquals("DELETE, GET", wrong.headers().get("Allow"));
        assertTrue(wrong.text(), wrong.text().contains("\"code\":\"method_not_allowed\""));
    }

    @Test
    public void theScriptSeesTheRequestAndItsParams() throws Exception {
        Recorder callback = new Recorder("x");
        open(type, "b", "POST", "/orgs/{org}/repos/{repo}", callback);
        ScriptAnswer response = type.table().handle(new RouteTable.Request("POST", "/orgs/acme/repos/rocket",
                "draft=1", Map.of("content-type", "application/json"), "{\"n\":3}",
                "application/json"));
        assertEquals(200, response.status());
        Map<String, Object> seen = callback.fired.get(0).attributes();
        assertEquals("POST", seen.get("method"));
        assertEquals("/r/orgs/acme/repos/rocket", seen.get("path"));
        assertEquals(Map.of("org", "acme", "repo", "rocket"), seen.get("params"));
        assertEquals(Map.of("draft", "1"), seen.get("query"));
        assertEquals("{\"n\":3}", seen.get("body"));
        assertEquals(Map.of("n", 3L), seen.get("json"));
        assertEquals(Map.of("content-type", "application/json"), seen.get("headers"));
    }

    @Test
    public void aStoppingPluginAnswers503WithRetryAfter() throws Exception {
        open(type, "b", "GET", "/ping", new Recorder("pong"));
        assertEquals(200, type.table().handle(request("GET", "/ping")).status());
        type.deactivate();
        ScriptAnswer response = type.table().handle(request("GET", "/ping"));
        assertEquals(503, response.status());
        assertEquals(String.valueOf(HttpTriggers.RETRY_AFTER_SECONDS), response.headers().get("Retry-After"));
    }
}
