package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import io.picloud.api.InvocationRecord;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.Test;

/** {@code /scripts}: every route, the compile check and who may change whose scripts. */
public class RestScriptsTest extends RestTeam {
    @Test
    public void aScriptsLifecycle() throws Exception {
        Reply created = api.put("/scripts/life").key(alice).text("40 + 2").send();
        assertEquals(created.toString(), 201, created.status());
        assertEquals("/api/v1/scripts/life", created.header("Location"));
        assertEquals(1, created.json().get("version").asInt());
        assertEquals(64, created.json().get("hash").asText().length());
        assertEquals(200, api.put("/scripts/life").key(alice).json("{\"source\":\"1\"}").send().status());

        Reply one = api.get("/scripts/life").key(viewer).send();
        assertEquals(2, one.json().get("version").asInt());
        assertEquals("1", one.json().get("source").asText());
        assertEquals("alice", one.json().get("owner").asText());
        assertEquals("public", one.json().get("access").asText());
        Reply list = api.get("/scripts").key(viewer).send();
        assertTrue(list.text(), list.text().contains("\"name\":\"life\"") && list.text().contains("\"owner\":\"alice\""));

        Reply versions = api.get("/scripts/life/versions").key(viewer).send();
        assertEquals(2, versions.json().get("versions").size());
        assertEquals(2, versions.json().get("activeVersion").asInt());
        Reply first = api.get("/scripts/life/versions/1").key(viewer).send();
        assertEquals(first.toString(), 200, first.status());
        assertEquals("40 + 2", first.json().get("source").asText());
        assertFalse(first.json().get("active").asBoolean());
        assertTrue(api.get("/scripts/life/versions/2").key(viewer).send().json().get("active").asBoolean());
        assertEquals(404, api.get("/scripts/life/versions/7").key(viewer).send().status());
        assertEquals(404, api.get("/scripts/life/versions/x").key(viewer).send().status());
        Reply back = api.post("/scripts/life/rollback").key(alice).json("{\"version\":1}").send();
        assertEquals(back.toString(), 200, back.status());
        assertEquals("40 + 2", api.get("/scripts/life").key(alice).send().json().get("source").asText());
        assertEquals(404, api.post("/scripts/life/rollback").key(alice).json("{\"version\":9}").send().status());
        assertEquals("version", api.post("/scripts/life/rollback").key(alice).json("{}").send().field());

        cp.invocations.record(new InvocationRecord("life", 1, "http", Instant.now(), 12, "ok", null, null,
                List.of("hi"), 3));
        Reply inv = null;
        for (int i = 0; i < 100; i++) {
            inv = api.get("/scripts/life/invocations?limit=5").key(viewer).send();
            if (inv.json().get("invocations").size() > 0) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals("hi", inv.json().get("invocations").get(0).get("output").get(0).asText());
        assertEquals("limit", api.get("/scripts/life/invocations?limit=0").key(viewer).send().field());

        Reply deleted = api.delete("/scripts/life").key(alice).send();
        assertEquals(204, deleted.status());
        assertEquals("", deleted.text());
        assertEquals(404, api.get("/scripts/life").key(alice).send().status());
        assertEquals(404, api.delete("/scripts/life").key(alice).send().status());
        assertEquals(404, api.get("/scripts/life/versions").key(alice).send().status());
    }

    @Test
    public void aCompileErrorIs422WithDetails() {
        Reply bad = api.put("/scripts/broken").key(alice).text("let x = ;").send();
        assertEquals(422, bad.status());
        assertEquals("compile_error", bad.code());
        assertEquals("source", bad.field());
        assertTrue(bad.json().get("error").get("details").size() >= 1);
        assertTrue(bad.json().get("error").get("details").get(0).get("line").asInt() >= 1);
        assertTrue(bad.json().get("error").get("details").get(0).has("column"));
        assertEquals(404, api.get("/scripts/broken").key(alice).send().status());
        assertEquals("name", api.put("/scripts/Bad_Name").key(alice).text("1").send().field());
        assertEquals("source", api.put("/scripts/nosource").key(alice).json("{}").send().field());
    }

    @Test
    public void anotherDevelopersScriptIsForbiddenNamingItsOwner() {
        assertEquals(201, api.put("/scripts/alices").key(alice).text("1").send().status());
        for (Reply r : new Reply[] {
                api.put("/scripts/alices").key(bob).text("2").send(),
                api.delete("/scripts/alices").key(bob).send(),
                api.post("/scripts/alices/rollback").key(bob).json("{\"version\":1}").send(),
                api.patch("/scripts/alices").key(bob).json("{\"access\":\"key\"}").send()}) {
            assertEquals(r.toString(), 403, r.status());
            assertEquals("forbidden", r.code());
            assertTrue(r.message(), r.message().contains("alice"));
        }
        assertEquals(1, cp.scriptStore.versions("alices").size());
        assertEquals("bob may read it", 200, api.get("/scripts/alices").key(bob).send().status());
        assertEquals("a viewer creates nothing", 403, api.put("/scripts/vics").key(viewer).text("1").send().status());

        // admins may
        assertEquals(200, api.put("/scripts/alices").key(admin).text("2").send().status());
        assertEquals(200, api.post("/scripts/alices/rollback").key(admin).json("{\"version\":1}").send().status());
        assertEquals("key", api.patch("/scripts/alices").key(admin).json("{\"access\":\"key\"}").send().json()
                .get("access").asText());
        assertEquals("alice", cp.scriptStore.owner("alices").orElseThrow().ownerName());
        assertEquals(204, api.delete("/scripts/alices").key(admin).send().status());
    }

    @Test
    public void anOwnerChangesAccessAndAdminsHandScriptsOver() {
        assertEquals(201, api.put("/scripts/handed").key(alice).text("1").send().status());
        Reply access = api.patch("/scripts/handed").key(alice).json("{\"access\":\"key\"}").send();
        assertEquals(access.toString(), 200, access.status());
        assertEquals("key", access.json().get("access").asText());
        assertEquals("access", api.patch("/scripts/handed").key(alice).json("{\"access\":\"secret\"}").send().field());
        assertEquals("body", api.patch("/scripts/handed").key(alice).json("{}").send().field());
        assertEquals("only admins hand over", 403, api.patch("/scripts/handed").key(alice)
                .json("{\"owner\":\"bob\"}").send().status());

        assertEquals("owner", api.patch("/scripts/handed").key(admin).json("{\"owner\":\"vic\"}").send().field());
        assertEquals("owner", api.patch("/scripts/handed").key(admin).json("{\"owner\":\"nobody\"}").send().field());
        Reply handed = api.patch("/scripts/handed").key(admin).json("{\"owner\":\"bob\"}").send();
        assertEquals(handed.toString(), 200, handed.status());
        assertEquals("bob", handed.json().get("owner").asText());
        assertEquals(200, api.put("/scripts/handed").key(bob).text("2").send().status());
        Reply refused = api.put("/scripts/handed").key(alice).text("3").send();
        assertEquals(403, refused.status());
        assertTrue(refused.message(), refused.message().contains("bob"));
        assertEquals(404, api.patch("/scripts/nothing").key(admin).json("{\"access\":\"key\"}").send().status());
    }
}
