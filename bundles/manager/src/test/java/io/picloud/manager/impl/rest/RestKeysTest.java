package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;

import io.picloud.api.Role;
import io.picloud.api.User;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@code /keys}: created keys work, revoked and expired ones do not, and a key never has more rights than its user. */
public class RestKeysTest extends RestTeam {

    @BeforeClass
    public static void scripts() {
        assertEquals(201, api.put("/scripts/alices").key(alice).text("1").send().status());
        assertEquals(201, api.put("/scripts/bobs").key(bob).text("1").send().status());
    }

    @Test
    public void aCreatedKeyWorksAndIsShownOnce() {
        Reply created = api.post("/keys").key(alice).json("{\"name\":\"ci\"}").send();
        assertEquals(created.toString(), 201, created.status());
        String key = created.json().get("key").asText();
        assertTrue(key, key.startsWith("pc_") && key.length() > 40);
        assertEquals("ci", created.json().get("name").asText());
        assertEquals("developer", created.json().get("role").asText());
        assertTrue(key.startsWith(created.json().get("prefix").asText()));
        long id = created.json().get("id").asLong();
        assertEquals("/api/v1/keys/" + id, created.header("Location"));

        Reply me = api.get("/me").key(key).send();
        assertEquals(200, me.status());
        assertEquals("alice", me.json().get("username").asText());
        assertEquals(201, api.put("/scripts/from-new-key").key(key).text("2").send().status());

        Reply mine = api.get("/keys").key(alice).send();
        assertEquals(200, mine.status());
        assertFalse("never the secret", mine.text().contains(key));
        assertTrue(mine.text().contains("\"ci\""));
        assertFalse("only one's own keys", api.get("/keys").key(bob).send().text().contains("\"ci\""));
        assertTrue("admins see all", api.get("/keys").key(admin).send().text().contains("\"ci\""));
    }

    @Test
    public void aRevokedKeyIsRefusedAtOnce() {
        Reply created = api.post("/keys").key(alice).json("{\"name\":\"short-lived\"}").send();
        String key = created.json().get("key").asText();
        long id = created.json().get("id").asLong();
        assertEquals(200, api.get("/me").key(key).send().status());
        assertEquals(404, api.delete("/keys/" + id).key(bob).send().status());
        assertEquals(200, api.get("/me").key(key).send().status());
        assertEquals(204, api.delete("/keys/" + id).key(alice).send().status());
        assertEquals(401, api.get("/me").key(key).send().status());
        assertTrue(api.get("/keys").key(alice).send().json().toString().contains("\"revoked\":true"));
        assertEquals(404, api.delete("/keys/424242").key(alice).send().status());
    }

    @Test
    public void aKeyRevokedElsewhereIsRefusedAfterTheNotification() throws Exception {
        String key = api.post("/keys").key(bob).json("{\"name\":\"other-node\"}").send().json().get("key").asText();
        assertEquals(200, api.get("/me").key(key).send().status());
        // another container revokes it: only the database notification reaches this one
        cp.pg.execute("UPDATE api_keys SET revoked = TRUE WHERE name = 'other-node'");
        int status = 200;
        for (int i = 0; i < 50 && status == 200; i++) {
            Thread.sleep(20);
            status = api.get("/me").key(key).send().status();
        }
        assertEquals(401, status);
    }

    @Test
    public void anExpiredKeyIsRefused() throws Exception {
        Instant expires = Instant.now().plusMillis(1500).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Reply created = api.post("/keys").key(alice).json("{\"name\":\"brief\",\"expiresAt\":\"" + expires + "\"}")
                .send();
        assertEquals(created.toString(), 201, created.status());
        String key = created.json().get("key").asText();
        assertEquals(expires.toString(), created.json().get("expiresAt").asText());
        assertEquals(200, api.get("/me").key(key).send().status());
        Thread.sleep(Math.max(0, expires.toEpochMilli() - System.currentTimeMillis()) + 50);
        assertEquals(401, api.get("/me").key(key).send().status());

        assertEquals("expiresAt", api.post("/keys").key(alice).json("{\"name\":\"x\",\"expiresAt\":\""
                + Instant.now().minusSeconds(60) + "\"}").send().field());
        assertEquals("expiresAt", api.post("/keys").key(alice).json("{\"name\":\"x\",\"expiresAt\":\"tomorrow\"}")
                .send().field());
        assertEquals("name", api.post("/keys").key(alice).json("{}").send().field());
    }

    @Test
    public void aKeyWithARoleAboveItsUsersIs403() {
        Reply above = api.post("/keys").key(alice).json("{\"name\":\"x\",\"role\":\"admin\"}").send();
        assertEquals(403, above.status());
        assertEquals(403, api.post("/keys").key(admin).json("{\"name\":\"x\",\"role\":\"owner\"}").send().status());
        assertEquals("role", api.post("/keys").key(alice).json("{\"name\":\"x\",\"role\":\"root\"}").send().field());

        Reply narrower = api.post("/keys").key(alice).json("{\"name\":\"read-only\",\"role\":\"viewer\"}").send();
        assertEquals(201, narrower.status());
        assertEquals("viewer", narrower.json().get("role").asText());
        String viewerKey = narrower.json().get("key").asText();
        assertEquals(200, api.get("/scripts").key(viewerKey).send().status());
        assertEquals("a viewer key of a developer deploys nothing", 403,
                api.put("/scripts/alices").key(viewerKey).text("3").send().status());
        assertEquals("nor makes a stronger key", 403, api.post("/keys").key(viewerKey)
                .json("{\"name\":\"y\",\"role\":\"developer\"}").send().status());
    }

    @Test
    public void anInvokeOnlyKeyHasNoControlPlane() {
        Reply created = api.post("/keys").key(alice).json("{\"name\":\"invoke\",\"scripts\":[\"alices\"]}").send();
        assertEquals(created.toString(), 201, created.status());
        assertEquals("[\"alices\"]", created.json().get("scripts").toString());
        String key = created.json().get("key").asText();
        assertTrue(cp.keys.authenticate(key, null).orElseThrow().invokeOnly());
        for (Reply r : new Reply[] {api.get("/scripts").key(key).send(), api.get("/me").key(key).send(),
                api.put("/scripts/alices").key(key).text("2").send(), api.get("/keys").key(key).send()}) {
            assertEquals(r.toString(), 403, r.status());
            assertEquals("forbidden", r.code());
        }

        assertEquals("another's script", 403, api.post("/keys").key(alice)
                .json("{\"name\":\"x\",\"scripts\":[\"bobs\"]}").send().status());
        assertEquals("scripts", api.post("/keys").key(alice).json("{\"name\":\"x\",\"scripts\":[\"nothing\"]}")
                .send().field());
        assertEquals("admins may name any script", 201, api.post("/keys").key(admin)
                .json("{\"name\":\"x\",\"scripts\":[\"bobs\",\"alices\"]}").send().status());
    }

    @Test
    public void onlyOwnersRevokeTheKeysOfAdminsAndOwners() {
        User boss = cp.userStore.findByName("adam").orElseThrow();
        long adminKey = cp.keyStore.list(boss.id()).get(0).id();
        User other = cp.user("adele", Role.ADMIN, null);
        String otherAdmin = cp.key(other);
        assertEquals(403, api.delete("/keys/" + adminKey).key(otherAdmin).send().status());
        String spare = cp.key(other);
        long spareId = cp.keyStore.byPrefix(io.picloud.access.ApiKeys.prefix(spare)).get(0).id();
        assertEquals(204, api.delete("/keys/" + spareId).key(OWNER).send().status());
        assertEquals(401, api.get("/me").key(spare).send().status());
    }
}
