package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.picloud.api.Role;
import io.picloud.api.User;
import io.picloud.manager.impl.ControlPlane;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@code /users}, {@code /admin/admins/{id}} and {@code /me}: the role rules, the password policy, the last owner. */
public class RestUsersTest {
    private static final String OWNER = ControlPlane.OWNER_KEY;
    private static final String PASSWORD = "violet kettle 48 orbit";
    private static ControlPlane cp;
    private static TestApi api;
    private static String admin;
    private static String developer;
    private static String viewer;

    @BeforeClass
    public static void start() throws Exception {
        cp = new ControlPlane();
        api = new TestApi(cp);
        admin = cp.key(cp.user("adam", Role.ADMIN, null));
        developer = cp.key(cp.user("dana", Role.DEVELOPER, null));
        viewer = cp.key(cp.user("vic", Role.VIEWER, null));
    }

    @AfterClass
    public static void stop() throws Exception {
        cp.close();
    }

    @Test
    public void createsListsGetsAndChangesUsers() {
        Reply created = api.post("/users").key(admin)
                .json("{\"username\":\"erin\",\"password\":\"" + PASSWORD + "\",\"role\":\"developer\"}").send();
        assertEquals(created.toString(), 201, created.status());
        long id = created.json().get("id").asLong();
        assertEquals("/api/v1/users/" + id, created.header("Location"));
        assertEquals("erin", created.json().get("username").asText());
        assertEquals("developer", created.json().get("role").asText());
        assertTrue(created.json().get("active").asBoolean());
        assertTrue(created.json().get("hasPassword").asBoolean());
        assertTrue(created.json().has("createdAt"));
        assertFalse("no hash is shown", created.text().contains("argon2"));

        Reply list = api.get("/users").key(viewer).send();
        assertEquals(200, list.status());
        assertTrue(list.text().contains("\"erin\""));
        assertEquals("erin", api.get("/users/" + id).key(viewer).send().json().get("username").asText());

        Reply changed = api.patch("/users/" + id).key(admin).json("{\"role\":\"viewer\"}").send();
        assertEquals(changed.toString(), 200, changed.status());
        assertEquals("viewer", changed.json().get("role").asText());
        Reply off = api.patch("/users/" + id).key(admin).json("{\"active\":false}").send();
        assertFalse(off.json().get("active").asBoolean());
        assertEquals(204, api.delete("/users/" + id).key(admin).send().status());
        assertEquals(404, api.get("/users/" + id).key(admin).send().status());
        assertEquals(404, api.delete("/users/" + id).key(admin).send().status());
    }

    @Test
    public void aUserWhoOwnsScriptsIsDeactivatedNotDeleted() {
        User fay = cp.user("fay", Role.DEVELOPER, null);
        cp.scriptStore.deploy("fays", "1", fay.id(), "fay", false);
        Reply r = api.delete("/users/" + fay.id()).key(admin).send();
        assertEquals(r.toString(), 200, r.status());
        assertFalse(r.json().get("active").asBoolean());
        assertTrue(cp.userStore.find(fay.id()).isPresent());
    }

    @Test
    public void aWeakPasswordIs400WeakPassword() {
        Reply weak = api.post("/users").key(admin).json("{\"username\":\"gus\",\"password\":\"password123\","
                + "\"role\":\"viewer\"}").send();
        assertEquals(400, weak.status());
        assertEquals("weak_password", weak.code());
        assertEquals("password", weak.field());
        Reply shortOne = api.post("/users").key(admin).json("{\"username\":\"gus\",\"password\":\"x7#Kp\","
                + "\"role\":\"viewer\"}").send();
        assertEquals(400, shortOne.status());
        assertEquals("password", shortOne.field());
        assertTrue("nothing half-written", cp.userStore.findByName("gus").isEmpty());
    }

    @Test
    public void aDuplicateUsernameIs409() {
        assertEquals(201, api.post("/users").key(admin).json("{\"username\":\"hal\",\"role\":\"viewer\"}").send()
                .status());
        Reply again = api.post("/users").key(admin).json("{\"username\":\"hal\",\"role\":\"developer\"}").send();
        assertEquals(409, again.status());
        assertEquals("duplicate_username", again.code());
        assertEquals("username", again.field());
    }

    @Test
    public void badUsernamesAndRolesAre400NamingTheField() {
        assertEquals("username", api.post("/users").key(admin).json("{\"username\":\"Bad Name\",\"role\":\"viewer\"}")
                .send().field());
        assertEquals("username", api.post("/users").key(admin).json("{\"role\":\"viewer\"}").send().field());
        Reply role = api.post("/users").key(admin).json("{\"username\":\"ivy\",\"role\":\"boss\"}").send();
        assertEquals(400, role.status());
        assertEquals("role", role.field());
        assertEquals("role", api.post("/users").key(admin).json("{\"username\":\"ivy\"}").send().field());
    }

    @Test
    public void aRoleAboveYourOwnIs403() {
        Reply adminMakesAdmin = api.post("/users").key(admin).json("{\"username\":\"jo\",\"role\":\"admin\"}").send();
        assertEquals(403, adminMakesAdmin.status());
        assertEquals("forbidden", adminMakesAdmin.code());
        assertEquals(403, api.post("/users").key(admin).json("{\"username\":\"jo\",\"role\":\"owner\"}").send()
                .status());
        assertEquals(403, api.post("/users").key(developer).json("{\"username\":\"jo\",\"role\":\"viewer\"}").send()
                .status());
        assertEquals(403, api.post("/users").key(viewer).json("{\"username\":\"jo\",\"role\":\"viewer\"}").send()
                .status());
        long dana = cp.userStore.findByName("dana").orElseThrow().id();
        assertEquals("an admin promotes no one to admin", 403, api.patch("/users/" + dana).key(admin)
                .json("{\"role\":\"admin\"}").send().status());
        long owner = cp.owner().id();
        assertEquals("an admin changes no owner", 403, api.patch("/users/" + owner).key(admin)
                .json("{\"active\":false}").send().status());
        assertEquals(403, api.delete("/users/" + owner).key(admin).send().status());
        assertTrue(cp.userStore.findByName("jo").isEmpty());
        // the owner may create admins
        assertEquals(201, api.post("/users").key(OWNER).json("{\"username\":\"jo\",\"role\":\"admin\"}").send()
                .status());
    }

    @Test
    public void onlyOwnersManageAdminsAndTheLastOwnerStays() {
        long owner = cp.owner().id();
        Reply last = api.patch("/admin/admins/" + owner).key(OWNER).json("{\"active\":false}").send();
        assertEquals(last.toString(), 409, last.status());
        assertEquals("last_owner", last.code());
        assertEquals("last_owner", api.patch("/admin/admins/" + owner).key(OWNER).json("{\"role\":\"admin\"}")
                .send().code());
        assertEquals("last_owner", api.delete("/users/" + owner).key(OWNER).send().code());
        assertEquals(Role.OWNER, cp.owner().role());

        long adam = cp.userStore.findByName("adam").orElseThrow().id();
        assertEquals("admins may not", 403, api.patch("/admin/admins/" + adam).key(admin)
                .json("{\"active\":false}").send().status());
        long dana = cp.userStore.findByName("dana").orElseThrow().id();
        assertEquals("not_privileged", api.patch("/admin/admins/" + dana).key(OWNER).json("{\"active\":false}")
                .send().code());
        assertEquals("field", "body", api.patch("/admin/admins/" + adam).key(OWNER).json("{}").send().field());

        User kim = cp.user("kim", Role.ADMIN, null);
        Reply promoted = api.patch("/admin/admins/" + kim.id()).key(OWNER).json("{\"role\":\"owner\"}").send();
        assertEquals(promoted.toString(), 200, promoted.status());
        assertEquals("owner", promoted.json().get("role").asText());
        Reply demoted = api.patch("/admin/admins/" + kim.id()).key(OWNER).json("{\"role\":\"developer\"}").send();
        assertEquals("developer", demoted.json().get("role").asText());
    }

    @Test
    public void meShowsAndSetsTheCallersPassword() {
        User lee = cp.user("lee", Role.DEVELOPER, null);
        String key = cp.key(lee);
        Reply me = api.get("/me").key(key).send();
        assertEquals("lee", me.json().get("username").asText());
        assertFalse(me.json().get("hasPassword").asBoolean());

        // the first password (and, once, a new username: the bootstrap owner's first run)
        Reply first = api.patch("/me").key(key).json("{\"username\":\"lee2\",\"password\":\"" + PASSWORD + "\"}")
                .send();
        assertEquals(first.toString(), 200, first.status());
        assertEquals("lee2", first.json().get("username").asText());
        assertTrue(first.json().get("hasPassword").asBoolean());

        Reply noCurrent = api.patch("/me").key(key).json("{\"password\":\"amber falcon 77 tide\"}").send();
        assertEquals(403, noCurrent.status());
        assertEquals("currentPassword", noCurrent.field());
        assertEquals(403, api.patch("/me").key(key).json("{\"password\":\"amber falcon 77 tide\","
                + "\"currentPassword\":\"wrong password here\"}").send().status());
        assertEquals("weak_password", api.patch("/me").key(key).json("{\"password\":\"1234567890\","
                + "\"currentPassword\":\"" + PASSWORD + "\"}").send().code());
        Reply second = api.patch("/me").key(key).json("{\"password\":\"amber falcon 77 tide\","
                + "\"currentPassword\":\"" + PASSWORD + "\"}").send();
        assertEquals(second.toString(), 200, second.status());
        assertEquals("username", api.patch("/me").key(key).json("{\"username\":\"lee3\",\"password\":\"x\","
                + "\"currentPassword\":\"amber falcon 77 tide\"}").send().field());
        assertNull(cp.userStore.findByName("lee3").orElse(null));
    }
}
