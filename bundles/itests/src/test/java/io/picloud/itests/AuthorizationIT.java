package io.picloud.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;

/**
 * Who may do what on {@code /api/v1} (docs/api.md, "Endpoint × role"; the rules are the manager's {@code Authz}):
 * every endpoint × {anonymous, viewer, the developer owning the target, another developer, admin, owner, an
 * invoke-only key}, each cell with its own fresh target where it changes state; then sessions and CSRF, the
 * login throttle, key expiry, revocation and deactivation, and per-script endpoint access on /fn and http routes.
 */
public class AuthorizationIT extends PicloudTestSupport {

    /** The callers, in the order of the table's columns. */
    enum Who { ANONYMOUS, VIEWER, DEV_OWNER, OTHER_DEV, ADMIN, OWNER, INVOKE_ONLY }

    private static final String OWNER_PASSWORD = "It-first-run-" + randomHex(8);

    /** The actors and shared targets, made once per container (test instances are new for every method). */
    private static Map<Who, TestUser> actors;
    private static String sharedScript;
    private static String sharedTrigger;

    // ------------------------------------------------------------------------------------------- the table

    /**
     * One line per endpoint: method, path and body (with {@code {var}}s the fixture fills), the fixture that makes
     * the cell's target, and the expected status for each column of {@link Who}.
     */
    private final List<Row> table = List.of(
            //   method    path                              body                                         fixture           anon viewer devOwn othDev admin owner invoke
            row("GET",    "/version",                        null,                                        this::none,        200, 200, 200, 200, 200, 200, 200),
            row("GET",    "/health",                         null,                                        this::none,        200, 200, 200, 200, 200, 200, 200),
            row("POST",   "/session",                        "{\"username\":\"{user}\",\"password\":\"{password}\"}", this::credentials, 200, 200, 200, 200, 200, 200, 200),
            row("GET",    "/session",                        null,                                        this::none,        200, 200, 200, 200, 200, 200, 403),
            row("DELETE", "/session",                        null,                                        this::none,        401, 204, 204, 204, 204, 204, 403),
            row("GET",    "/me",                             null,                                        this::none,        401, 200, 200, 200, 200, 200, 403),
            row("PATCH",  "/me",                             "{\"password\":\"{newPassword}\",\"currentPassword\":\"{password}\"}", this::freshSelf, 401, 200, 200, 200, 200, 200, 403),
            row("GET",    "/users",                          null,                                        this::none,        401, 200, 200, 200, 200, 200, 403),
            row("POST",   "/users",                          "{\"username\":\"{fresh}\",\"role\":\"developer\"}", this::freshName, 401, 403, 403, 403, 201, 201, 403),
            row("POST",   "/users",                          "{\"username\":\"{fresh}\",\"role\":\"admin\"}",     this::freshName, 401, 403, 403, 403, 403, 201, 403),
            row("GET",    "/users/{id}",                     null,                                        this::developer,   401, 200, 200, 200, 200, 200, 403),
            row("PATCH",  "/users/{id}",                     "{\"role\":\"viewer\"}",                     this::freshDeveloper, 401, 403, 403, 403, 200, 200, 403),
            row("DELETE", "/users/{id}",                     null,                                        this::freshDeveloper, 401, 403, 403, 403, 204, 204, 403),
            row("PATCH",  "/admin/admins/{id}",              "{\"active\":false}",                        this::freshAdmin,  401, 403, 403, 403, 403, 200, 403),
            row("GET",    "/keys",                           null,                                        this::none,        401, 200, 200, 200, 200, 200, 403),
            row("POST",   "/keys",                           "{\"name\":\"table\"}",                      this::none,        401, 201, 201, 201, 201, 201, 403),
            row("DELETE", "/keys/{key}",                     null,                                        this::ownKey,      401, 204, 204, 204, 204, 204, 403),
            row("DELETE", "/keys/{key}",                     null,                                        this::developerKey, 401, 404, 204, 404, 204, 204, 403),
            row("DELETE", "/keys/{key}",                     null,                                        this::ownerKey,    401, 404, 404, 404, 403, 204, 403),
            row("GET",    "/audit",                          null,                                        this::none,        401, 403, 403, 403, 200, 200, 403),
            row("GET",    "/scripts",                        null,                                        this::none,        401, 200, 200, 200, 200, 200, 403),
            row("GET",    "/scripts/{name}",                 null,                                        this::shared,      401, 200, 200, 200, 200, 200, 403),
            row("PUT",    "/scripts/{fresh}",                "\"new\"",                                   this::freshName,   401, 403, 201, 201, 201, 201, 403),
            row("PUT",    "/scripts/{name}",                 "\"v3\"",                                    this::freshScript, 401, 403, 200, 403, 200, 200, 403),
            row("PATCH",  "/scripts/{name}",                 "{\"access\":\"key\"}",                      this::freshScript, 401, 403, 200, 403, 200, 200, 403),
            row("PATCH",  "/scripts/{name}",                 "{\"owner\":\"{otherDev}\"}",                this::freshScript, 401, 403, 403, 403, 200, 200, 403),
            row("DELETE", "/scripts/{name}",                 null,                                        this::freshScript, 401, 403, 204, 403, 204, 204, 403),
            row("GET",    "/scripts/{name}/versions",        null,                                        this::shared,      401, 200, 200, 200, 200, 200, 403),
            row("POST",   "/scripts/{name}/rollback",        "{\"version\":1}",                           this::freshScript, 401, 403, 200, 403, 200, 200, 403),
            row("GET",    "/scripts/{name}/invocations",     null,                                        this::shared,      401, 200, 200, 200, 200, 200, 403),
            row("GET",    "/scripts/{name}/settings",        null,                                        this::shared,      401, 200, 200, 200, 200, 200, 403),
            row("PUT",    "/scripts/{name}/settings",        "{\"allowHosts\":[\"api.example.com\"]}",  this::freshScript, 401, 403, 200, 403, 200, 200, 403),
            row("GET",    "/scripts/{name}/config",          null,                                        this::shared,      401, 200, 200, 200, 200, 200, 403),
            row("PUT",    "/scripts/{name}/config",          "{\"greeting\":\"hi\"}",                   this::freshScript, 401, 403, 200, 403, 200, 200, 403),
            row("GET",    "/scripts/{name}/secrets",         null,                                        this::shared,      401, 200, 200, 200, 200, 200, 403),
            row("PUT",    "/scripts/{name}/secrets/TOKEN",   "\"a-secret-value\"",                        this::freshScript, 401, 403, 201, 403, 201, 201, 403),
            row("GET",    "/triggers",                       null,                                        this::none,        401, 200, 200, 200, 200, 200, 403),
            row("POST",   "/triggers",                       "{\"type\":\"http\",\"script\":\"{name}\",\"config\":{\"method\":\"GET\",\"path\":\"/{name}-new\"}}", this::freshScript, 401, 403, 201, 403, 201, 201, 403),
            row("GET",    "/triggers/{trigger}",             null,                                        this::shared,      401, 200, 200, 200, 200, 200, 403),
            row("PUT",    "/triggers/{trigger}",             "{\"type\":\"http\",\"script\":\"{name}\",\"config\":{\"method\":\"POST\",\"path\":\"/{name}-put\"}}", this::freshScript, 401, 403, 200, 403, 200, 200, 403),
            row("DELETE", "/triggers/{trigger}",             null,                                        this::freshScript, 401, 403, 204, 403, 204, 204, 403),
            row("POST",   "/triggers/{trigger}/enable",      null,                                        this::freshScript, 401, 403, 200, 403, 200, 200, 403),
            row("POST",   "/triggers/{trigger}/disable",     null,                                        this::freshScript, 401, 403, 200, 403, 200, 200, 403),
            row("GET",    "/trigger-types",                  null,                                        this::none,        401, 200, 200, 200, 200, 200, 403),
            row("GET",    "/trigger-types/http",             null,                                        this::none,        401, 200, 200, 200, 200, 200, 403));

    @Test
    public void everyEndpointTimesEveryCaller() throws Exception {
        List<String> wrong = new ArrayList<>();
        StringBuilder seen = new StringBuilder();
        for (Row row : table) {
            seen.append(String.format("%-7s%-34s", row.method, row.path));
            for (Who who : Who.values()) {
                Cell cell = row.fixture.make(who);
                String key = cell.key != null ? cell.key : key(who);
                String body = row.body == null ? null : fill(row.body, cell.vars);
                String contentType = body == null ? null : body.startsWith("{") ? JSON : "text/plain";
                HttpResponse<String> r = callWith(key, row.method, "/api/v1" + fill(row.path, cell.vars),
                        contentType, body);
                int expected = row.expected[who.ordinal()];
                seen.append(String.format(" %3d", r.statusCode()));
                if (r.statusCode() != expected) {
                    wrong.add(row.method + " " + row.path + " as " + who + ": expected " + expected + ", got "
                            + r.statusCode() + " " + r.body());
                } else if (expected >= 400 && !r.body().startsWith("{\"error\":{\"code\":")) {
                    wrong.add(row.method + " " + row.path + " as " + who + ": not a JSON error: " + r.body());
                }
            }
            seen.append('\n');
        }
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " cells differ:\n" + String.join("\n", wrong) + "\n\nstatuses seen ("
                    + List.of(Who.values()) + "):\n" + seen);
        }
    }

    // ------------------------------------------------------------------------------------------- fixtures

    /** A cell's target: the values of the row's {@code {var}}s, and the key to call with when not the column's. */
    private record Cell(Map<String, String> vars, String key) {
    }

    private interface Fixture {
        Cell make(Who who) throws Exception;
    }

    private record Row(String method, String path, String body, Fixture fixture, int[] expected) {
    }

    private static Row row(String method, String path, String body, Fixture fixture, int... expected) {
        if (expected.length != Who.values().length) {
            throw new IllegalArgumentException(method + " " + path + ": one status per caller");
        }
        return new Row(method, path, body, fixture, expected);
    }

    @Before
    public void actorsAndSharedTargets() throws Exception {
        awaitReady();
        if (actors != null) {
            return;
        }
        // the bootstrap owner chooses its password with its key (the first-run screen)
        HttpResponse<String> me = call("PATCH", "/api/v1/me", JSON, "{\"password\":\"" + OWNER_PASSWORD + "\"}");
        assertEquals(me.body(), 200, me.statusCode());
        Map<Who, TestUser> made = new HashMap<>();
        made.put(Who.OWNER, new TestUser(Long.parseLong(jsonField(me.body(), "id")), "owner", OWNER_PASSWORD,
                ownerApiKey()));
        made.put(Who.VIEWER, createUser("viewer"));
        made.put(Who.DEV_OWNER, createUser("developer"));
        made.put(Who.OTHER_DEV, createUser("developer"));
        made.put(Who.ADMIN, createUser("admin"));
        String devKey = made.get(Who.DEV_OWNER).key();
        sharedScript = "az-shared-" + randomHex(3);
        deployAs(devKey, sharedScript, "\"one\"");
        deployAs(devKey, sharedScript, "\"two\"");
        sharedTrigger = bindAs(devKey, sharedScript, "/" + sharedScript);
        HttpResponse<String> invokeOnly = callWith(devKey, "POST", "/api/v1/keys", JSON,
                "{\"name\":\"invoke\",\"scripts\":[\"" + sharedScript + "\"]}");
        assertEquals(invokeOnly.body(), 201, invokeOnly.statusCode());
        TestUser dev = made.get(Who.DEV_OWNER);
        made.put(Who.INVOKE_ONLY, new TestUser(dev.id(), dev.username(), dev.password(),
                jsonField(invokeOnly.body(), "key")));
        actors = made;
    }

    private static String key(Who who) {
        return who == Who.ANONYMOUS ? null : actors.get(who).key();
    }

    private Map<String, String> vars() {
        Map<String, String> vars = new HashMap<>();
        vars.put("otherDev", actors.get(Who.OTHER_DEV).username());
        return vars;
    }

    private Cell none(Who who) {
        return new Cell(vars(), null);
    }

    /** The caller's own username and password; anonymous logs in as the viewer, the invoke-only key's user as its own. */
    private Cell credentials(Who who) {
        TestUser u = actors.get(who == Who.ANONYMOUS ? Who.VIEWER : who);
        Map<String, String> vars = vars();
        vars.put("user", u.username());
        vars.put("password", u.password());
        return new Cell(vars, null);
    }

    /** A new user of the caller's role calling with its own key (a password change is not to be repeated). */
    private Cell freshSelf(Who who) throws Exception {
        Map<String, String> vars = vars();
        vars.put("newPassword", "It-new-" + randomHex(8));
        if (who == Who.ANONYMOUS || who == Who.INVOKE_ONLY) {
            vars.put("password", "whatever-it-was");
            return new Cell(vars, null);
        }
        TestUser u = createUser(role(who));
        vars.put("password", u.password());
        return new Cell(vars, u.key());
    }

    private Cell freshName(Who who) {
        Map<String, String> vars = vars();
        vars.put("fresh", "az-new-" + randomHex(4));
        return new Cell(vars, null);
    }

    /** The developer owning the shared targets. */
    private Cell developer(Who who) {
        Map<String, String> vars = vars();
        vars.put("id", Long.toString(actors.get(Who.DEV_OWNER).id()));
        return new Cell(vars, null);
    }

    /** A new developer; in the owner-developer column the developer itself calls (not to change itself). */
    private Cell freshDeveloper(Who who) throws Exception {
        Map<String, String> vars = vars();
        if (who == Who.DEV_OWNER) {
            TestUser self = createUser("developer");
            vars.put("id", Long.toString(self.id()));
            return new Cell(vars, self.key());
        }
        vars.put("id", newUser("developer"));
        return new Cell(vars, null);
    }

    private Cell freshAdmin(Who who) throws Exception {
        Map<String, String> vars = vars();
        vars.put("id", newUser("admin"));
        return new Cell(vars, null);
    }

    /** A new key of the caller (anonymous and the invoke-only key: of the developer). */
    private Cell ownKey(Who who) throws Exception {
        Who of = who == Who.ANONYMOUS || who == Who.INVOKE_ONLY ? Who.DEV_OWNER : who;
        return keyOf(actors.get(of).key());
    }

    private Cell developerKey(Who who) throws Exception {
        return keyOf(actors.get(Who.DEV_OWNER).key());
    }

    private Cell ownerKey(Who who) throws Exception {
        return keyOf(ownerApiKey());
    }

    private Cell keyOf(String creator) throws Exception {
        HttpResponse<String> k = callWith(creator, "POST", "/api/v1/keys", JSON, "{\"name\":\"target\"}");
        assertEquals(k.body(), 201, k.statusCode());
        Map<String, String> vars = vars();
        vars.put("key", jsonField(k.body(), "id"));
        return new Cell(vars, null);
    }

    private Cell shared(Who who) {
        Map<String, String> vars = vars();
        vars.put("name", sharedScript);
        vars.put("trigger", sharedTrigger);
        return new Cell(vars, null);
    }

    /** A new script of the owning developer with two versions and an http route bound to it. */
    private Cell freshScript(Who who) throws Exception {
        String devKey = actors.get(Who.DEV_OWNER).key();
        String name = "az-" + randomHex(4);
        deployAs(devKey, name, "\"one\"");
        deployAs(devKey, name, "\"two\"");
        Map<String, String> vars = vars();
        vars.put("name", name);
        vars.put("trigger", bindAs(devKey, name, "/" + name));
        return new Cell(vars, null);
    }

    private static String role(Who who) {
        return switch (who) {
            case VIEWER -> "viewer";
            case DEV_OWNER, OTHER_DEV -> "developer";
            case ADMIN -> "admin";
            case OWNER -> "owner";
            default -> throw new IllegalArgumentException(who.name());
        };
    }

    /** A user without password and key, made by the owner; its id. */
    private String newUser(String role) throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/users", JSON, "{\"username\":\"it-" + role + "-"
                + randomHex(4) + "\",\"role\":\"" + role + "\"}");
        assertEquals(r.body(), 201, r.statusCode());
        return jsonField(r.body(), "id");
    }

    private void deployAs(String key, String name, String source) throws Exception {
        HttpResponse<String> r = callWith(key, "PUT", "/api/v1/scripts/" + name, "text/plain", source);
        assertTrue(r.statusCode() + " " + r.body(), r.statusCode() == 201 || r.statusCode() == 200);
    }

    /** An http route {@code GET /r<path>} to {@code script}; the binding's id. */
    private String bindAs(String key, String script, String path) throws Exception {
        HttpResponse<String> r = callWith(key, "POST", "/api/v1/triggers", JSON, "{\"type\":\"http\",\"script\":\""
                + script + "\",\"config\":{\"method\":\"GET\",\"path\":\"" + path + "\"}}");
        assertEquals(r.body(), 201, r.statusCode());
        return jsonField(r.body(), "id");
    }

    private static String fill(String template, Map<String, String> vars) {
        String out = template;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            out = out.replace("{" + v.getKey() + "}", v.getValue());
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- sessions

    @Test
    public void changesWithTheSessionCookieNeedTheCsrfHeader() throws Exception {
        TestUser dev = actors.get(Who.DEV_OWNER);
        TestSession s = login(dev.username(), dev.password());
        HttpResponse<String> me = send(request("/api/v1/me").header("Cookie", s.cookie()).GET().build());
        assertEquals(me.body(), 200, me.statusCode());
        assertTrue(me.body(), me.body().contains("\"username\":\"" + dev.username() + "\""));
        HttpResponse<String> again = send(request("/api/v1/session").header("Cookie", s.cookie()).GET().build());
        assertEquals(s.csrfToken(), jsonField(again.body(), "csrfToken"));

        String name = "az-csrf-" + randomHex(3);
        HttpResponse<String> without = send(request("/api/v1/scripts/" + name).header("Cookie", s.cookie())
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("1")).build());
        assertEquals(without.body(), 403, without.statusCode());
        assertTrue(without.body(), without.body().startsWith("{\"error\":{\"code\":\"csrf\""));
        HttpResponse<String> wrongToken = send(request("/api/v1/scripts/" + name).header("Cookie", s.cookie())
                .header("X-CSRF-Token", "not-" + s.csrfToken()).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("1")).build());
        assertEquals(wrongToken.body(), 403, wrongToken.statusCode());
        assertTrue(wrongToken.body(), wrongToken.body().contains("\"code\":\"csrf\""));
        assertEquals("nothing deployed", 404, call("GET", "/api/v1/scripts/" + name, null, null).statusCode());

        HttpResponse<String> with = send(withSession(request("/api/v1/scripts/" + name), s)
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("1")).build());
        assertEquals(with.body(), 201, with.statusCode());
        assertTrue(call("GET", "/api/v1/scripts/" + name, null, null).body()
                .contains("\"owner\":\"" + dev.username() + "\""));

        HttpResponse<String> logoutWithout = send(request("/api/v1/session").header("Cookie", s.cookie())
                .DELETE().build());
        assertEquals(logoutWithout.body(), 403, logoutWithout.statusCode());
        assertTrue(logoutWithout.body(), logoutWithout.body().contains("\"code\":\"csrf\""));
        HttpResponse<String> logout = send(withSession(request("/api/v1/session"), s).DELETE().build());
        assertEquals(logout.body(), 204, logout.statusCode());
        assertTrue(logout.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
        HttpResponse<String> after = send(request("/api/v1/me").header("Cookie", s.cookie()).GET().build());
        assertEquals(after.body(), 401, after.statusCode());

        String cookie = loginResponse(dev.username(), dev.password(), "10.9.8.7").headers()
                .firstValue("Set-Cookie").orElse("");
        assertTrue(cookie, cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict")
                && cookie.contains("Path=/") && !cookie.contains("Secure"));
    }

    @Test
    public void fiveFailedLoginsForOneUsernameAre429WithRetryAfter() throws Exception {
        TestUser u = createUser("viewer");
        // each attempt from another address (through the trusted proxy 127.0.0.1): only the username counts
        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> r = loginResponse(u.username(), "Wrong-pass-" + i, "10.1.0." + i);
            assertEquals(r.body(), 401, r.statusCode());
            assertTrue(r.body(), r.body().contains("\"code\":\"bad_credentials\""));
        }
        for (String password : new String[] {u.password(), "Wrong-pass-6"}) {
            HttpResponse<String> r = loginResponse(u.username(), password, "10.1.0.9");
            assertEquals(r.body(), 429, r.statusCode());
            assertTrue(r.body(), r.body().startsWith("{\"error\":{\"code\":\"too_many_attempts\""));
            long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElse("0"));
            assertTrue("Retry-After " + retry, retry > 0 && retry <= 15 * 60 + 1);
        }
        // the user's key still works: only logins are throttled
        assertEquals(200, callWith(u.key(), "GET", "/api/v1/me", null, null).statusCode());
        // each failure is audited, and the throttled attempts
        String audit = call("GET", "/api/v1/audit?action=session.login&target=user:" + u.username() + "&limit=50",
                null, null).body();
        assertTrue(audit, ManagerApiIT.count(audit, "\"outcome\":\"failed\"") == 5);
        assertTrue(audit, ManagerApiIT.count(audit, "\"outcome\":\"throttled\"") == 2);

        // five failures from one address lock that address, whatever the username
        String address = "10.2.0.1";
        for (int i = 1; i <= 5; i++) {
            assertEquals(401, loginResponse("it-nobody-" + randomHex(3), "Wrong-pass-" + i, address).statusCode());
        }
        TestUser other = actors.get(Who.OTHER_DEV);
        assertEquals(429, loginResponse(other.username(), other.password(), address).statusCode());
        assertEquals(200, loginResponse(other.username(), other.password(), "10.2.0.2").statusCode());
    }

    private HttpResponse<String> loginResponse(String username, String password, String forwardedFor)
            throws Exception {
        return send(request("/api/v1/session").header("Content-Type", JSON).header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\""
                        + password + "\"}", StandardCharsets.UTF_8)).build());
    }

    // ------------------------------------------------------------------------------------------- keys

    @Test
    public void anExpiredKeyIsRefused() throws Exception {
        TestUser dev = actors.get(Who.OTHER_DEV);
        Instant expires = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> created = callWith(dev.key(), "POST", "/api/v1/keys", JSON,
                "{\"name\":\"short-lived\",\"expiresAt\":\"" + expires + "\"}");
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals(expires.toString(), jsonField(created.body(), "expiresAt"));
        String key = jsonField(created.body(), "key");
        assertTrue(key, key.startsWith("pc_"));
        HttpResponse<String> before = callWith(key, "GET", "/api/v1/me", null, null);
        assertEquals(before.body(), 200, before.statusCode());
        long wait = Duration.between(Instant.now(), expires).toMillis();
        assertTrue("the key was used before it expired", wait > 0);
        Thread.sleep(wait + 1000);
        HttpResponse<String> after = callWith(key, "GET", "/api/v1/me", null, null);
        assertEquals(after.body(), 401, after.statusCode());
        assertTrue(after.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
        HttpResponse<String> past = callWith(dev.key(), "POST", "/api/v1/keys", JSON,
                "{\"name\":\"past\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
        assertEquals(past.body(), 400, past.statusCode());
        assertTrue(past.body(), past.body().contains("\"field\":\"expiresAt\""));
    }

    @Test
    public void revokedKeysAndDeactivatedUsersAreRefusedAtOnce() throws Exception {
        TestUser dev = createUser("developer");
        HttpResponse<String> second = callWith(dev.key(), "POST", "/api/v1/keys", JSON, "{\"name\":\"second\"}");
        String secondKey = jsonField(second.body(), "key");
        assertEquals(200, callWith(secondKey, "GET", "/api/v1/me", null, null).statusCode());
        HttpResponse<String> listed = callWith(dev.key(), "GET", "/api/v1/keys", null, null);
        assertFalse("keys are listed without their secret", listed.body().contains(secondKey));
        assertEquals(204, callWith(dev.key(), "DELETE", "/api/v1/keys/" + jsonField(second.body(), "id"), null, null)
                .statusCode());
        assertEquals(401, callWith(secondKey, "GET", "/api/v1/me", null, null).statusCode());
        assertEquals(200, callWith(dev.key(), "GET", "/api/v1/me", null, null).statusCode());

        TestSession session = login(dev.username(), dev.password());
        HttpResponse<String> off = callWith(actors.get(Who.ADMIN).key(), "PATCH", "/api/v1/users/" + dev.id(), JSON,
                "{\"active\":false}");
        assertEquals(off.body(), 200, off.statusCode());
        assertTrue(off.body(), off.body().contains("\"active\":false"));
        assertEquals(401, callWith(dev.key(), "GET", "/api/v1/me", null, null).statusCode());
        assertEquals(401, send(request("/api/v1/me").header("Cookie", session.cookie()).GET().build()).statusCode());
        assertEquals(401, loginResponse(dev.username(), dev.password(), "10.3.0.1").statusCode());
    }

    // ------------------------------------------------------------------------------------------- endpoint access

    @Test
    public void aScriptWithAccessKeyNeedsAKeyThatMayInvokeIt() throws Exception {
        TestUser dev = actors.get(Who.DEV_OWNER);
        String name = "az-private-" + randomHex(3);
        deployAs(dev.key(), name, "\"secret \" + request.method");
        String prefix = "/" + name + "-route";
        String trigger = bindAs(dev.key(), name, prefix + "/{id}");
        HttpResponse<String> access = callWith(dev.key(), "PATCH", "/api/v1/scripts/" + name, JSON,
                "{\"access\":\"key\"}");
        assertEquals(access.body(), 200, access.statusCode());
        assertTrue(access.body(), access.body().contains("\"access\":\"key\""));
        await("the http route to open", Duration.ofSeconds(30), () -> {
            String shown = call("GET", "/api/v1/triggers/" + trigger, null, null).body();
            return shown.contains("\"status\":\"ACTIVE\"");
        });
        HttpResponse<String> invokeOnly = callWith(dev.key(), "POST", "/api/v1/keys", JSON,
                "{\"name\":\"invoke\",\"scripts\":[\"" + name + "\"]}");
        assertEquals(invokeOnly.body(), 201, invokeOnly.statusCode());
        String invokeKey = jsonField(invokeOnly.body(), "key");
        String otherScriptKey = actors.get(Who.INVOKE_ONLY).key(); // names the shared script only

        for (String path : new String[] {"/fn/" + name, "/r" + prefix + "/7"}) {
            HttpResponse<String> anonymous = get(path);
            assertEquals(path + " " + anonymous.body(), 401, anonymous.statusCode());
            assertTrue(anonymous.body(), anonymous.body().startsWith("{\"error\":"));
            assertTrue(path, anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            assertInvoke(path, "a wrong key", "pc_wrong", 401);
            assertInvoke(path, "another developer's key", actors.get(Who.OTHER_DEV).key(), 403);
            assertInvoke(path, "a viewer's key", actors.get(Who.VIEWER).key(), 403);
            assertInvoke(path, "an invoke-only key for another script", otherScriptKey, 403);
            assertInvoke(path, "the owner's key", dev.key(), 200);
            assertInvoke(path, "an admin's key", actors.get(Who.ADMIN).key(), 200);
            assertInvoke(path, "the owner role's key", ownerApiKey(), 200);
            assertInvoke(path, "an invoke-only key naming it", invokeKey, 200);
            HttpResponse<String> query = get(path + "?key=" + invokeKey);
            assertEquals(path + "?key= " + query.body(), 200, query.statusCode());
            assertEquals("secret GET", query.body());
        }
        // the invoke-only key does nothing on the control plane, not even for its script
        assertEquals(403, callWith(invokeKey, "GET", "/api/v1/scripts/" + name, null, null).statusCode());
        assertEquals(403, callWith(invokeKey, "PUT", "/api/v1/scripts/" + name, "text/plain", "1").statusCode());

        // back to public: no key needed
        assertEquals(200, callWith(dev.key(), "PATCH", "/api/v1/scripts/" + name, JSON, "{\"access\":\"public\"}")
                .statusCode());
        await("/fn/" + name + " to be public again", Duration.ofSeconds(5), () -> get("/fn/" + name).statusCode() == 200);
        assertEquals(200, get("/r" + prefix + "/7").statusCode());
    }

    private void assertInvoke(String path, String what, String key, int expected) throws Exception {
        HttpResponse<String> r = send(request(path).header("Authorization", "Bearer " + key).GET().build());
        assertEquals(path + " with " + what + ": " + r.body(), expected, r.statusCode());
        if (expected == 200) {
            assertEquals("secret GET", r.body());
        }
    }
}
