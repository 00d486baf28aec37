package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.Test;

/** {@code /audit}: what is written for deploys, failed logins and revocations, and who may read it. */
public class RestAuditTest extends RestTeam {
    @Test
    public void deploysAreAuditedAndDenialsToo() {
        assertEquals(201, api.put("/scripts/audited").key(alice).text("1").send().status());
        assertEquals(403, api.put("/scripts/audited").key(bob).text("2").send().status());
        JsonNode entries = entries("/audit?target=audited&action=script.deploy", admin);
        assertEquals(2, entries.size());
        JsonNode denied = entries.get(0);
        assertEquals("bob", denied.get("actor").asText());
        assertEquals("denied", denied.get("outcome").asText());
        JsonNode ok = entries.get(1);
        assertEquals("alice", ok.get("actor").asText());
        assertEquals("ok", ok.get("outcome").asText());
        assertEquals("version 1", ok.get("detail").asText());
        assertEquals(TestApi.CLIENT, ok.get("address").asText());
        assertTrue(ok.get("keyId").asLong() > 0);
        assertTrue(ok.has("time"));
    }

    @Test
    public void failedLoginsAreAudited() {
        assertEquals(401, api.post("/session").from("198.51.100.77").json("{\"username\":\"alice\","
                + "\"password\":\"not her password\"}").send().status());
        JsonNode e = entries("/audit?action=session.login&target=user:alice", OWNER).get(0);
        assertEquals("failed", e.get("outcome").asText());
        assertEquals("198.51.100.77", e.get("address").asText());
        assertEquals("alice", e.get("actor").asText());
    }

    @Test
    public void keyRevocationsAreAudited() {
        Reply created = api.post("/keys").key(bob).json("{\"name\":\"to-revoke\"}").send();
        long id = created.json().get("id").asLong();
        assertEquals(204, api.delete("/keys/" + id).key(bob).send().status());
        JsonNode revoke = entries("/audit?action=key.revoke&target=key:" + id, admin);
        assertEquals(1, revoke.size());
        assertEquals("bob", revoke.get(0).get("actor").asText());
        assertEquals("to-revoke", revoke.get(0).get("detail").asText());
        assertEquals("created and revoked", 2, entries("/audit?action=key&actor=bob&target=key:" + id, admin).size());
    }

    @Test
    public void onlyAdminsAndOwnersReadTheAuditLog() {
        assertEquals(403, api.get("/audit").key(alice).send().status());
        assertEquals(403, api.get("/audit").key(viewer).send().status());
        assertEquals(401, api.get("/audit").send().status());
        assertEquals(200, api.get("/audit").key(admin).send().status());
        assertEquals(200, api.get("/audit").key(OWNER).send().status());
        assertEquals("before", api.get("/audit?before=yesterday").key(admin).send().field());
        assertEquals("limit", api.get("/audit?limit=5000").key(admin).send().field());
    }

    @Test
    public void pagesWithNextBefore() {
        for (int i = 0; i < 3; i++) {
            assertEquals(201, api.put("/scripts/paged-" + i).key(alice).text("1").send().status());
        }
        Reply first = api.get("/audit?action=script.deploy&actor=alice&limit=2").key(admin).send();
        assertEquals(2, first.json().get("entries").size());
        long next = first.json().get("nextBefore").asLong();
        assertEquals(first.json().get("entries").get(1).get("id").asLong(), next);
        Reply second = api.get("/audit?action=script.deploy&actor=alice&limit=2&before=" + next).key(admin).send();
        assertTrue(second.json().get("entries").size() >= 1);
        assertTrue(second.json().get("entries").get(0).get("id").asLong() < next);
    }

    private static JsonNode entries(String path, String key) {
        Reply r = api.get(path).key(key).send();
        assertEquals(r.toString(), 200, r.status());
        return r.json().get("entries");
    }
}
