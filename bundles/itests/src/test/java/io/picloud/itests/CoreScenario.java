package io.picloud.itests;

import static io.picloud.itests.Callers.JSON;
import static io.picloud.itests.Callers.expect;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.picloud.itests.Callers.Answer;
import io.picloud.itests.Callers.Caller;

/**
 * OpenApiIT's walk through the API that was there before the dashboard: system, sessions, users, keys, audit,
 * scripts with their versions, settings, config and secrets, triggers and kv, each with a success and the error
 * cases of its callers' mistakes. Every answer is checked against the document by {@link Callers#call}.
 */
final class CoreScenario {
    private final Callers w;

    CoreScenario(Callers callers) {
        this.w = callers;
    }

    void run() throws Exception {
        system();
        session();
        users();
        privileged();
        keys();
        scripts();
        scriptSettings();
        secrets();
        triggers();
        kv();
        audit();
    }

    private Answer call(Caller c, String method, String path) throws Exception {
        return w.call(c, method, path, null, null);
    }

    private Answer json(Caller c, String method, String path, String body) throws Exception {
        return w.call(c, method, path, JSON, body);
    }

    private void system() throws Exception {
        expect(200, call(w.anonymous, "GET", "/api/v1/version"));
        expect(200, call(w.anonymous, "GET", "/api/v1/health"));
        Answer doc = expect(200, call(w.anonymous, "GET", "/api/v1/openapi.json"));
        assertEquals("no-cache", doc.header("Cache-Control"));
        assertEquals("3.1.0", doc.text("openapi"));
    }

    private void session() throws Exception {
        expect(401, "bad_credentials", json(w.anonymous, "POST", "/api/v1/session",
                "{\"username\":\"" + w.other.name() + "\",\"password\":\"wrong-password\"}"));
        expect(400, json(w.anonymous, "POST", "/api/v1/session", "{\"username\":\"x\"}"));
        expect(415, w.call(w.anonymous, "POST", "/api/v1/session", "text/plain", "x"));
        Answer mine = expect(200, call(w.devSession, "GET", "/api/v1/session"));
        assertEquals(w.devSession.csrfToken(), mine.text("csrfToken"));
        assertTrue("a key's session answer has no CSRF token", call(w.dev, "GET", "/api/v1/session").json()
                .path("csrfToken").isNull());
        expect(403, "csrf", call(w.devSession.withoutCsrf(), "DELETE", "/api/v1/session"));
        Caller later = w.session(w.other);
        expect(204, call(later, "DELETE", "/api/v1/session"));
        // GET /session is open: an ended session or none at all is user null, a bad key still a 401
        assertTrue(expect(200, call(later, "GET", "/api/v1/session")).json().path("user").isNull());
        assertTrue(expect(200, call(w.anonymous, "GET", "/api/v1/session")).json().path("user").isNull());
        expect(401, call(new Caller("bad", 0, "pc_not-a-key-at-all-0123456789", null, null, null), "GET",
                "/api/v1/session"));
        expect(403, call(w.invokeOnly, "GET", "/api/v1/session"));
    }

    private void users() throws Exception {
        expect(200, call(w.viewer, "GET", "/api/v1/me"));
        expect(200, call(w.viewer, "GET", "/api/v1/users"));
        expect(200, call(w.viewer, "GET", "/api/v1/users/" + w.dev.id()));
        expect(404, call(w.viewer, "GET", "/api/v1/users/999999"));
        expect(400, json(w.viewer, "PATCH", "/api/v1/me", "{\"colour\":\"red\"}"));
        expect(403, "wrong_password", json(w.viewer, "PATCH", "/api/v1/me",
                "{\"password\":\"Another-pass-1\",\"currentPassword\":\"not-it-at-all\"}"));
        // the bootstrap owner has no password yet, so it may still choose a username: not one that is taken
        expect(409, "duplicate_username", json(w.owner, "PATCH", "/api/v1/me", "{\"username\":\"" + w.dev.name()
                + "\",\"password\":\"Pw-" + PicloudTestSupport.randomHex(8) + "\"}"));
        expect(200, json(w.viewer, "PATCH", "/api/v1/me", "{\"password\":\"" + w.viewer.password()
                + "\",\"currentPassword\":\"" + w.viewer.password() + "\"}"));
        String name = "it-user-" + PicloudTestSupport.randomHex(3);
        String newUser = "{\"username\":\"" + name + "\",\"password\":\"Pw-" + PicloudTestSupport.randomHex(8)
                + "\",\"role\":\"viewer\"}";
        expect(403, json(w.dev, "POST", "/api/v1/users", newUser));
        expect(400, json(w.admin, "POST", "/api/v1/users", "{\"username\":\"" + name + "\",\"role\":\"boss\"}"));
        long id = expect(201, json(w.admin, "POST", "/api/v1/users", newUser)).json().path("id").asLong();
        expect(409, "duplicate_username", json(w.admin, "POST", "/api/v1/users", newUser));
        expect(200, json(w.admin, "PATCH", "/api/v1/users/" + id, "{\"role\":\"developer\"}"));
        expect(400, json(w.admin, "PATCH", "/api/v1/users/" + id, "{\"role\":7}"));
        expect(403, json(w.dev, "PATCH", "/api/v1/users/" + id, "{\"active\":false}"));
        expect(404, json(w.admin, "PATCH", "/api/v1/users/999999", "{\"active\":false}"));
        expect(409, "last_owner", json(w.owner, "PATCH", "/api/v1/users/" + w.owner.id(), "{\"active\":false}"));
        expect(403, call(w.dev, "DELETE", "/api/v1/users/" + id));
        expect(204, call(w.admin, "DELETE", "/api/v1/users/" + id));
        expect(404, call(w.admin, "DELETE", "/api/v1/users/" + id));
        expect(409, "last_owner", call(w.owner, "DELETE", "/api/v1/users/" + w.owner.id()));
    }

    /** {@code PATCH /admin/admins/{id}}: owners only, on admins and owners; and deleting a user owning scripts. */
    private void privileged() throws Exception {
        String path = "/api/v1/admin/admins/" + w.admin.id();
        expect(200, json(w.owner, "PATCH", path, "{\"role\":\"admin\"}"));
        expect(403, json(w.admin, "PATCH", path, "{\"active\":false}"));
        expect(400, json(w.owner, "PATCH", path, "{}"));
        expect(404, json(w.owner, "PATCH", "/api/v1/admin/admins/999999", "{\"active\":true}"));
        expect(409, "not_privileged", json(w.owner, "PATCH", "/api/v1/admin/admins/" + w.dev.id(),
                "{\"active\":true}"));
        // a user who owns a script is deactivated, not deleted: 200 with the user
        String name = "it-leaver-" + PicloudTestSupport.randomHex(3);
        String password = "Pw-" + PicloudTestSupport.randomHex(8);
        long id = expect(201, json(w.owner, "POST", "/api/v1/users", "{\"username\":\"" + name
                + "\",\"password\":\"" + password + "\",\"role\":\"developer\"}")).json().path("id").asLong();
        Caller leaver = w.session(new Caller(name, id, null, null, null, password));
        expect(201, w.call(leaver, "PUT", "/api/v1/scripts/it-left", "text/plain", "1"));
        Answer deactivated = expect(200, call(w.owner, "DELETE", "/api/v1/users/" + id));
        assertEquals(false, deactivated.json().path("active").asBoolean());
    }

    private void keys() throws Exception {
        expect(200, call(w.viewer, "GET", "/api/v1/keys"));
        expect(200, call(w.admin, "GET", "/api/v1/keys"));
        expect(400, json(w.viewer, "POST", "/api/v1/keys", "{\"name\":\"k\",\"expiresAt\":\"tomorrow\"}"));
        expect(403, json(w.viewer, "POST", "/api/v1/keys", "{\"name\":\"k\",\"role\":\"owner\"}"));
        expect(415, w.call(w.viewer, "POST", "/api/v1/keys", "text/plain", "k"));
        Answer key = expect(201, json(w.viewer, "POST", "/api/v1/keys",
                "{\"name\":\"short\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}"));
        long id = key.json().path("id").asLong();
        expect(404, "not_found", call(w.dev, "DELETE", "/api/v1/keys/" + id)); // someone else's key is not seen
        expect(204, call(w.viewer, "DELETE", "/api/v1/keys/" + id));
        long owners = expect(201, json(w.owner, "POST", "/api/v1/keys", "{\"name\":\"owners\"}")).json()
                .path("id").asLong();
        expect(403, call(w.admin, "DELETE", "/api/v1/keys/" + owners));
        expect(204, call(w.owner, "DELETE", "/api/v1/keys/" + owners));
        expect(404, call(w.viewer, "DELETE", "/api/v1/keys/999999"));
    }

    private void scripts() throws Exception {
        expect(201, w.call(w.dev, "PUT", "/api/v1/scripts/it-b", "text/plain", "1"));
        expect(200, json(w.dev, "PUT", "/api/v1/scripts/it-b", "{\"source\":\"2\"}"));
        Answer bad = expect(422, "compile_error", w.call(w.dev, "PUT", "/api/v1/scripts/it-b", "text/plain",
                "let x = ;"));
        assertTrue(bad.body(), bad.json().path("error").path("details").path(0).path("line").asInt() == 1);
        expect(400, w.call(w.dev, "PUT", "/api/v1/scripts/Not_Valid", "text/plain", "1"));
        expect(403, w.call(w.viewer, "PUT", "/api/v1/scripts/it-c", "text/plain", "1"));
        expect(403, w.call(w.other, "PUT", "/api/v1/scripts/it-b", "text/plain", "3"));
        expect(415, w.call(w.dev, "PUT", "/api/v1/scripts/it-b", "image/png", "1"));
        expect(200, call(w.viewer, "GET", "/api/v1/scripts"));
        expect(200, call(w.viewer, "GET", "/api/v1/scripts/it-b"));
        expect(404, call(w.viewer, "GET", "/api/v1/scripts/it-none"));
        expect(200, json(w.dev, "PATCH", "/api/v1/scripts/it-b", "{\"access\":\"key\"}"));
        expect(400, json(w.dev, "PATCH", "/api/v1/scripts/it-b", "{\"access\":\"everyone\"}"));
        expect(403, json(w.other, "PATCH", "/api/v1/scripts/it-b", "{\"access\":\"public\"}"));
        expect(404, json(w.dev, "PATCH", "/api/v1/scripts/it-none", "{\"access\":\"public\"}"));
        expect(200, call(w.viewer, "GET", "/api/v1/scripts/it-b/versions"));
        expect(404, call(w.viewer, "GET", "/api/v1/scripts/it-none/versions"));
        expect(200, call(w.viewer, "GET", "/api/v1/scripts/it-b/versions/1"));
        expect(404, call(w.viewer, "GET", "/api/v1/scripts/it-b/versions/99"));
        expect(200, json(w.dev, "POST", "/api/v1/scripts/it-b/rollback", "{\"version\":1}"));
        expect(400, json(w.dev, "POST", "/api/v1/scripts/it-b/rollback", "{}"));
        expect(404, json(w.dev, "POST", "/api/v1/scripts/it-b/rollback", "{\"version\":99}"));
        expect(403, json(w.other, "POST", "/api/v1/scripts/it-b/rollback", "{\"version\":2}"));
        invocations();
        expect(403, call(w.other, "DELETE", "/api/v1/scripts/it-b"));
        expect(204, call(w.dev, "DELETE", "/api/v1/scripts/it-b"));
        expect(404, call(w.dev, "DELETE", "/api/v1/scripts/it-b"));
    }

    /** Runs of it-a through /fn, then its invocation log (written in batches: waited for). */
    private void invocations() throws Exception {
        PicloudTestSupport.await("a run of it-a on /fn", OpenApiIT.WAIT, () -> w.call(w.anonymous, "GET",
                "/fn/it-a?who=api", null, null).status() == 200);
        // a failed run, so that the records' error fields are seen filled in as well
        expect(201, w.call(w.dev, "PUT", "/api/v1/scripts/it-fails", "text/plain", "let a = 1;\nthrow \"boom\""));
        PicloudTestSupport.await("a run of it-fails on /fn", OpenApiIT.WAIT, () -> w.call(w.anonymous, "GET",
                "/fn/it-fails", null, null).status() >= 400);
        for (String script : new String[] {"it-a", "it-fails"}) {
            PicloudTestSupport.await("the runs of " + script + " in the invocation log", OpenApiIT.WAIT,
                    () -> expect(200, call(w.viewer, "GET", "/api/v1/scripts/" + script + "/invocations?limit=10"))
                            .json().path("invocations").size() >= 1);
        }
        expect(400, call(w.viewer, "GET", "/api/v1/scripts/it-a/invocations?limit=0"));
        expect(404, call(w.viewer, "GET", "/api/v1/scripts/it-none/invocations"));
    }

    private void scriptSettings() throws Exception {
        expect(200, call(w.viewer, "GET", "/api/v1/scripts/it-a/settings"));
        expect(404, call(w.viewer, "GET", "/api/v1/scripts/it-none/settings"));
        expect(200, json(w.dev, "PUT", "/api/v1/scripts/it-a/settings",
                "{\"kvNamespace\":null,\"allowHosts\":[\"api.example.com\"]}"));
        expect(400, json(w.dev, "PUT", "/api/v1/scripts/it-a/settings", "{\"allowHosts\":\"api.example.com\"}"));
        expect(403, json(w.viewer, "PUT", "/api/v1/scripts/it-a/settings", "{}"));
        expect(404, json(w.dev, "PUT", "/api/v1/scripts/it-none/settings", "{}"));
        expect(200, call(w.viewer, "GET", "/api/v1/scripts/it-a/config"));
        expect(404, call(w.viewer, "GET", "/api/v1/scripts/it-none/config"));
        Answer config = expect(200, json(w.dev, "PUT", "/api/v1/scripts/it-a/config",
                "{\"channel\":\"#orders\",\"limits\":{\"max\":3}}"));
        assertEquals("#orders", config.text("channel"));
        expect(400, json(w.dev, "PUT", "/api/v1/scripts/it-a/config", "[1]"));
        expect(403, json(w.other, "PUT", "/api/v1/scripts/it-a/config", "{}"));
        expect(404, json(w.dev, "PUT", "/api/v1/scripts/it-none/config", "{}"));
    }

    private void secrets() throws Exception {
        String base = "/api/v1/scripts/it-a/secrets";
        expect(201, w.call(w.dev, "PUT", base + "/API_TOKEN", "text/plain", "s3cret"));
        expect(200, w.call(w.dev, "PUT", base + "/API_TOKEN", "text/plain", "s3cret-2"));
        expect(400, w.call(w.dev, "PUT", base + "/lower", "text/plain", "x"));
        expect(400, w.call(w.dev, "PUT", base + "/EMPTY", "text/plain", ""));
        expect(403, w.call(w.viewer, "PUT", base + "/API_TOKEN", "text/plain", "x"));
        expect(404, w.call(w.dev, "PUT", "/api/v1/scripts/it-none/secrets/A", "text/plain", "x"));
        Answer list = expect(200, call(w.viewer, "GET", base));
        assertTrue(list.body(), list.body().contains("API_TOKEN") && !list.body().contains("s3cret"));
        expect(404, call(w.viewer, "GET", "/api/v1/scripts/it-none/secrets"));
        expect(400, call(w.dev, "DELETE", base + "/lower"));
        expect(403, call(w.other, "DELETE", base + "/API_TOKEN"));
        expect(204, call(w.dev, "DELETE", base + "/API_TOKEN"));
        expect(404, call(w.dev, "DELETE", base + "/API_TOKEN"));
    }

    private void triggers() throws Exception {
        expect(200, call(w.viewer, "GET", "/api/v1/trigger-types"));
        expect(200, call(w.viewer, "GET", "/api/v1/trigger-types/cron"));
        expect(404, call(w.viewer, "GET", "/api/v1/trigger-types/none"));
        String cron = "{\"type\":\"cron\",\"script\":\"it-a\",\"config\":{\"schedule\":\"0 3 * * *\","
                + "\"timezone\":\"Europe/Berlin\"}}";
        expect(403, json(w.viewer, "POST", "/api/v1/triggers", cron));
        expect(400, json(w.dev, "POST", "/api/v1/triggers", "{\"type\":\"cron\",\"colour\":1}"));
        expect(422, "invalid_config", json(w.dev, "POST", "/api/v1/triggers",
                "{\"type\":\"cron\",\"script\":\"it-a\",\"config\":{\"schedule\":\"every full moon\"}}"));
        expect(422, "unknown_script", json(w.dev, "POST", "/api/v1/triggers",
                "{\"type\":\"cron\",\"script\":\"it-none\",\"config\":{\"schedule\":\"@daily\"}}"));
        String id = expect(201, json(w.dev, "POST", "/api/v1/triggers", cron)).text("id");
        String path = "/api/v1/triggers/" + id;
        expect(200, call(w.viewer, "GET", "/api/v1/triggers"));
        expect(200, call(w.viewer, "GET", path));
        expect(404, call(w.viewer, "GET", "/api/v1/triggers/none"));
        expect(200, json(w.dev, "PUT", path, "{\"config\":{\"schedule\":\"0 4 * * *\",\"timezone\":\"Europe/Berlin\"}}"));
        expect(422, json(w.dev, "PUT", path, "{\"config\":{\"schedule\":\"61 * * * *\"}}"));
        expect(400, json(w.dev, "PUT", path, "{\"colour\":1}"));
        expect(403, json(w.other, "PUT", path, "{\"enabled\":false}"));
        expect(404, json(w.dev, "PUT", "/api/v1/triggers/none", "{\"enabled\":false}"));
        expect(200, call(w.dev, "POST", path + "/disable"));
        expect(200, call(w.dev, "POST", path + "/enable"));
        expect(403, call(w.viewer, "POST", path + "/disable"));
        expect(404, call(w.dev, "POST", "/api/v1/triggers/none/enable"));
        expect(404, call(w.dev, "POST", "/api/v1/triggers/none/disable"));
        expect(403, call(w.other, "DELETE", path));
        expect(204, call(w.dev, "DELETE", path));
        expect(404, call(w.dev, "DELETE", path));
    }

    private void kv() throws Exception {
        String ns = "/api/v1/kv/it-a";
        expect(200, json(w.dev, "PUT", ns + "/k1", "{\"n\":1}"));
        expect(200, json(w.dev, "PUT", ns + "/k2?ttl=3600", "2.5"));
        expect(200, json(w.dev, "PUT", ns + "/k%2F3", "\"three\""));
        expect(409, "too_many_keys", json(w.dev, "PUT", ns + "/k4", "4"));
        expect(400, json(w.dev, "PUT", ns + "/k1?ttl=soon", "1"));
        expect(400, json(w.dev, "PUT", ns + "/k1", "null"));
        expect(415, w.call(w.dev, "PUT", ns + "/k1", "text/plain", "1"));
        expect(403, json(w.viewer, "PUT", ns + "/k1", "1"));
        expect(404, json(w.dev, "PUT", "/api/v1/kv/it-none/k1", "1"));
        Answer list = expect(200, call(w.viewer, "GET", ns + "?prefix=k&limit=10"));
        assertEquals(3, list.json().path("entries").size());
        expect(400, call(w.viewer, "GET", ns + "?limit=0"));
        expect(404, call(w.viewer, "GET", "/api/v1/kv/it-none"));
        expect(200, call(w.viewer, "GET", ns + "/k%2F3"));
        expect(404, call(w.viewer, "GET", ns + "/absent"));
        String tooLong = "/" + "k".repeat(600); // maxKeyBytes is 512
        expect(400, call(w.viewer, "GET", ns + tooLong));
        expect(403, call(w.other, "DELETE", ns + "/k1"));
        expect(204, call(w.dev, "DELETE", ns + "/k1"));
        expect(404, call(w.dev, "DELETE", ns + "/k1"));
        expect(400, call(w.dev, "DELETE", ns + tooLong));
        // a control character is refused by the HTTP server itself, before the API: still a JSON error
        expect(400, call(w.dev, "DELETE", ns + "/%01"));
    }

    private void audit() throws Exception {
        Answer page = expect(200, call(w.admin, "GET", "/api/v1/audit?action=script&limit=2"));
        assertEquals(2, page.json().path("entries").size());
        expect(200, call(w.owner, "GET", "/api/v1/audit?before=" + page.json().path("nextBefore").asLong()));
        expect(400, call(w.admin, "GET", "/api/v1/audit?before=yesterday"));
        expect(403, call(w.dev, "GET", "/api/v1/audit"));
    }
}
