package io.picloud.itests;

import static org.junit.Assert.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;

/**
 * OpenApiIT's callers (one per role, an invoke-only key, a browser session) and its one way to call the API:
 * every answer goes through the {@link OpenApiContract} before the scenario sees it.
 */
final class Callers {
    static final String JSON = "application/json";

    /** Who calls: a bearer key, or a session's cookie with or without its CSRF token, or nobody (all null). */
    record Caller(String name, long id, String key, String cookie, String csrfToken, String password) {
        Caller withoutCsrf() {
            return new Caller(name, id, key, cookie, null, password);
        }
    }

    /** An answer: status, headers and body as text. */
    record Answer(int status, HttpResponse<String> response) {
        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            return OpenApiContract.JSON.readTree(body());
        }

        String text(String field) {
            return json().path(field).asString();
        }
    }

    private final PicloudTestSupport support;
    private final OpenApiContract contract;
    final Caller anonymous = new Caller("anonymous", 0, null, null, null, null);
    final Caller owner;
    final Caller admin;
    final Caller dev;
    final Caller other;
    final Caller viewer;
    final Caller devSession;
    final Caller invokeOnly;

    Callers(PicloudTestSupport support, OpenApiContract contract, String ownerKey) throws Exception {
        this.support = support;
        this.contract = contract;
        Answer me = expect(200, call(new Caller("owner", 0, ownerKey, null, null, null), "GET", "/api/v1/me", null,
                null));
        this.owner = new Caller("owner", me.json().path("id").asLong(), ownerKey, null, null, null);
        this.admin = user("admin");
        this.dev = user("developer");
        this.other = user("developer");
        this.viewer = user("viewer");
        this.devSession = session(dev);
        // the script it may call must exist: the developer's own script of the scenario
        expect(201, call(dev, "PUT", "/api/v1/scripts/it-a", "text/plain", "`hello ${request.query.who}`"));
        Answer key = expect(201, call(dev, "POST", "/api/v1/keys", JSON,
                "{\"name\":\"invoke\",\"scripts\":[\"it-a\"]}"));
        this.invokeOnly = new Caller("invoke-only", dev.id(), key.text("key"), null, null, null);
    }

    /** A new user of {@code role} (made by the owner) with a key made in its own session. */
    private Caller user(String role) throws Exception {
        String name = "it-" + role + "-" + PicloudTestSupport.randomHex(3);
        String password = "Pw-" + PicloudTestSupport.randomHex(8);
        Answer created = expect(201, call(owner, "POST", "/api/v1/users", JSON, "{\"username\":\"" + name
                + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}"));
        Caller session = session(new Caller(name, created.json().path("id").asLong(), null, null, null, password));
        Answer key = expect(201, call(session, "POST", "/api/v1/keys", JSON, "{\"name\":\"it\"}"));
        return new Caller(name, session.id(), key.text("key"), null, null, password);
    }

    /** {@code user} logged in: its cookie and CSRF token. */
    Caller session(Caller user) throws Exception {
        Answer login = expect(200, call(anonymous, "POST", "/api/v1/session", JSON, "{\"username\":\""
                + user.name() + "\",\"password\":\"" + user.password() + "\"}"));
        String cookie = login.header("Set-Cookie").split(";", 2)[0];
        return new Caller(user.name(), user.id(), null, cookie, login.text("csrfToken"), user.password());
    }

    /** Sends one request as {@code caller}, checks the answer against the document and returns it. */
    Answer call(Caller caller, String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = authorize(support.request(path), caller, method);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> r = support.send(b.build());
        contract.check(method, path, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        return new Answer(r.statusCode(), r);
    }

    /**
     * Whether the route table has {@code GET path} (the owner's call, not checked against the document): false for
     * the dashboard's new endpoints until their branches are merged.
     */
    boolean routed(String path) throws Exception {
        HttpResponse<String> r = support.send(authorize(support.request(path), owner, "GET").GET().build());
        return !unrouted(new Answer(r.statusCode(), r));
    }

    /** Whether this is the router's 404 for a path it has no route for. */
    static boolean unrouted(Answer a) {
        return a.status() == 404 && a.body().contains("no such resource");
    }

    HttpRequest.Builder authorize(HttpRequest.Builder b, Caller caller, String method) {
        if (caller.key() != null) {
            b.header("Authorization", "Bearer " + caller.key());
        }
        if (caller.cookie() != null) {
            b.header("Cookie", caller.cookie());
            if (caller.csrfToken() != null && !method.equals("GET")) {
                b.header("X-CSRF-Token", caller.csrfToken());
            }
        }
        return b;
    }

    /** The answer, after asserting its status (the scenario depends on it). */
    static Answer expect(int status, Answer a) {
        assertEquals(a.response().request().method() + " " + a.response().uri() + ": " + a.body(), status,
                a.status());
        return a;
    }

    /** The answer, after asserting its status and error code. */
    static Answer expect(int status, String code, Answer a) {
        expect(status, a);
        assertEquals(a.body(), code, a.json().path("error").path("code").asString());
        return a;
    }
}
