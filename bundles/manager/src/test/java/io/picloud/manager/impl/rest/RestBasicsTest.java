package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import io.picloud.api.Role;
import io.picloud.manager.impl.ControlPlane;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** What every route shares: open routes, authentication failures, 404, 405, 413, 415 and strict JSON bodies. */
public class RestBasicsTest {
    private static final String OWNER = ControlPlane.OWNER_KEY;
    private static ControlPlane cp;
    private static TestApi api;
    private static String viewer;

    @BeforeClass
    public static void start() throws Exception {
        cp = new ControlPlane();
        api = new TestApi(cp, Map.of("maxUploadBytes", 1000));
        viewer = cp.key(cp.user("vera", Role.VIEWER, null));
    }

    @AfterClass
    public static void stop() throws Exception {
        cp.close();
    }

    @Test
    public void versionAndHealthAreOpen() {
        Reply version = api.get("/version").send();
        assertEquals(200, version.status());
        assertEquals(1, version.json().get("api").asInt());
        assertEquals(7, version.json().get("schema").asInt());
        assertEquals("no-store", version.header("Cache-Control"));
        assertTrue(version.header("Content-Type").startsWith("application/json"));
        Reply health = api.get("/health").send();
        assertEquals(200, health.status());
        assertEquals("ok", health.json().get("status").asText());
    }

    @Test
    public void withoutCredentialsIs401WithAChallenge() {
        Reply r = api.get("/scripts").send();
        assertEquals(401, r.status());
        assertEquals("unauthorized", r.code());
        assertTrue(r.header("WWW-Authenticate"), r.header("WWW-Authenticate").startsWith("Bearer realm=\"picloud\""));
        assertEquals("an unknown path is not revealed anonymously", 401, api.get("/nothing/here").send().status());
        assertEquals(401, api.post("/users").json("{}").send().status());
    }

    @Test
    public void aBadKeyIs401() {
        Reply bad = api.get("/scripts").key("pc_not-a-key-at-all-0123456789").send();
        assertEquals(401, bad.status());
        assertTrue(bad.header("WWW-Authenticate"), bad.header("WWW-Authenticate").contains("error=\"invalid_token\""));
        Reply basic = api.get("/scripts").header("Authorization", "Basic dXNlcjpwYXNz").send();
        assertEquals(401, basic.status());
        assertTrue(basic.header("WWW-Authenticate").contains("invalid_request"));
        assertEquals(401, api.get("/scripts").header("Authorization", "Bearer ").send().status());
    }

    @Test
    public void unknownPathsAre404ForACaller() {
        Reply r = api.get("/nothing/here").key(viewer).send();
        assertEquals(404, r.status());
        assertEquals("not_found", r.code());
        assertEquals(404, api.get("/users/not-a-number").key(viewer).send().status());
        assertEquals(404, api.get("/users/987654").key(viewer).send().status());
        assertEquals(404, api.get("/scripts/nothing").key(viewer).send().status());
        assertEquals(404, api.get("/triggers/nothing").key(viewer).send().status());
    }

    @Test
    public void aWrongMethodIs405NamingTheAllowedOnes() {
        Reply r = api.patch("/scripts").key(OWNER).send();
        assertEquals(405, r.status());
        assertEquals("method_not_allowed", r.code());
        assertEquals("GET", r.header("Allow"));
        assertEquals("GET, POST", api.delete("/users").key(OWNER).send().header("Allow"));
        assertEquals("GET, PUT, PATCH, DELETE", api.post("/scripts/x").key(viewer).send().header("Allow"));
        Reply anonymous = api.post("/scripts/x").send();
        assertEquals("the route table is not told to anonymous callers", 401, anonymous.status());
        assertEquals(null, anonymous.header("Allow"));
        assertEquals("HEAD is GET without a body", 200, api.request("HEAD", "/scripts").key(viewer).send().status());
    }

    @Test
    public void aBodyAboveTheLimitIs413() {
        Reply r = api.put("/scripts/big").key(OWNER).text("1 + " + "1".repeat(1000)).send();
        assertEquals(413, r.status());
        assertEquals("payload_too_large", r.code());
        assertEquals(413, api.post("/users").key(OWNER).json("{\"username\":\"" + "x".repeat(1000) + "\"}").send()
                .status());
        assertEquals(404, api.get("/scripts/big").key(OWNER).send().status());
    }

    @Test
    public void aBodyThatIsNotJsonIs415() {
        Reply r = api.post("/users").key(OWNER).text("{\"username\":\"a\",\"role\":\"viewer\"}").send();
        assertEquals(415, r.status());
        assertEquals("unsupported_media_type", r.code());
        assertEquals(415, api.put("/scripts/x").key(OWNER).header("Content-Type", "application/xml").body("<a/>")
                .send().status());
        assertEquals(415, api.put("/scripts/x").key(OWNER).header("Content-Type", "text/plain; charset=nope")
                .body("1").send().status());
    }

    @Test
    public void anUnknownFieldIs400NamingIt() {
        Reply r = api.post("/users").key(OWNER).json("{\"username\":\"u1\",\"role\":\"viewer\",\"colour\":\"red\"}")
                .send();
        assertEquals(400, r.status());
        assertEquals("colour", r.field());
        assertTrue(r.message(), r.message().contains("unknown field \"colour\""));
        assertEquals("admin", api.patch("/admin/admins/1").key(OWNER).json("{\"admin\":true}").send().field());
        assertEquals("extra", api.post("/keys").key(OWNER).json("{\"name\":\"k\",\"extra\":1}").send().field());
        assertTrue(cp.userStore.findByName("u1").isEmpty());
    }

    @Test
    public void aWrongTypeOrBadJsonIs400() {
        Reply type = api.post("/users").key(OWNER).json("{\"username\":5,\"role\":\"viewer\"}").send();
        assertEquals(400, type.status());
        assertEquals("username", type.field());
        assertEquals("active", api.patch("/users/1").key(OWNER).json("{\"active\":\"no\"}").send().field());
        Reply broken = api.post("/users").key(OWNER).json("{nope").send();
        assertEquals(400, broken.status());
        assertEquals("bad_request", broken.code());
        assertEquals(400, api.post("/users").key(OWNER).json("[1, 2]").send().status());
    }

    @Test
    public void errorsNeverShowJavaInternals() {
        Reply r = api.post("/users").key(OWNER).json("{\"username\":5}").send();
        assertTrue(r.text(), !r.text().contains("com.fasterxml") && !r.text().contains("Exception"));
    }
}
