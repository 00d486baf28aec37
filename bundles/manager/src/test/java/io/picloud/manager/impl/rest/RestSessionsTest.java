package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.picloud.api.Role;
import io.picloud.api.User;
import io.picloud.manager.impl.ControlPlane;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@code /session}: the cookie's flags, CSRF, logout and the login throttle. Each test logs in from its own address. */
public class RestSessionsTest {
    private static final String PASSWORD = "violet kettle 48 orbit";
    private static ControlPlane cp;
    private static TestApi api;
    private static User carol;

    @BeforeClass
    public static void start() throws Exception {
        cp = new ControlPlane();
        api = new TestApi(cp);
        carol = cp.user("carol", Role.DEVELOPER, PASSWORD);
    }

    @AfterClass
    public static void stop() throws Exception {
        cp.close();
    }

    @Test
    public void loginSetsAStrictHttpOnlyCookie() {
        Reply r = login("carol", PASSWORD, "198.51.100.1");
        assertEquals(r.toString(), 200, r.status());
        String cookie = r.header("Set-Cookie");
        assertTrue(cookie, cookie.startsWith("picloud_session="));
        assertTrue(cookie, cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict")
                && cookie.contains("; Path=/"));
        assertFalse("plain HTTP: not Secure", cookie.contains("Secure"));
        assertEquals("carol", r.json().get("user").get("username").asText());
        assertEquals("developer", r.json().get("user").get("role").asText());
        assertTrue(r.json().get("csrfToken").asText().length() > 20);
        assertFalse("the token is only in the cookie", r.text().contains(token(r)));
    }

    @Test
    public void theCookieIsSecureOnlyWhenATrustedProxySaysHttps() {
        Reply proxied = api.post("/session").from("127.0.0.1").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-For", "198.51.100.2").json(body("carol", PASSWORD)).send();
        assertEquals(200, proxied.status());
        assertTrue(proxied.header("Set-Cookie"), proxied.header("Set-Cookie").endsWith("; Secure"));
        Reply spoofed = api.post("/session").from("198.51.100.3").header("X-Forwarded-Proto", "https")
                .json(body("carol", PASSWORD)).send();
        assertEquals(200, spoofed.status());
        assertFalse(spoofed.header("Set-Cookie").contains("Secure"));
        Reply plainProxy = api.post("/session").from("127.0.0.1").header("X-Forwarded-Proto", "http")
                .json(body("carol", PASSWORD)).send();
        assertFalse(plainProxy.header("Set-Cookie").contains("Secure"));
    }

    @Test
    public void aChangeWithTheCookieNeedsTheCsrfToken() {
        Reply login = login("carol", PASSWORD, "198.51.100.4");
        String cookie = "picloud_session=" + token(login);
        String csrf = login.json().get("csrfToken").asText();

        assertEquals("reads need no CSRF token", 200, api.get("/scripts").header("Cookie", cookie).send().status());
        Reply current = api.get("/session").header("Cookie", "theme=dark; " + cookie).send();
        assertEquals(200, current.status());
        assertEquals(csrf, current.json().get("csrfToken").asText());

        Reply without = api.put("/scripts/carols").header("Cookie", cookie).text("1").send();
        assertEquals(403, without.status());
        assertEquals("csrf", without.code());
        Reply wrong = api.put("/scripts/carols").header("Cookie", cookie).header("X-CSRF-Token", csrf + "x")
                .text("1").send();
        assertEquals("csrf", wrong.code());
        assertTrue(cp.scriptStore.owner("carols").isEmpty());
        Reply with = api.put("/scripts/carols").header("Cookie", cookie).header("X-CSRF-Token", csrf).text("1").send();
        assertEquals(with.toString(), 201, with.status());
        assertEquals("carol", cp.scriptStore.owner("carols").orElseThrow().ownerName());
    }

    @Test
    public void logoutEndsTheSession() {
        Reply login = login("carol", PASSWORD, "198.51.100.5");
        String cookie = "picloud_session=" + token(login);
        String csrf = login.json().get("csrfToken").asText();
        assertEquals(200, api.get("/me").header("Cookie", cookie).send().status());
        Reply out = api.delete("/session").header("Cookie", cookie).header("X-CSRF-Token", csrf).send();
        assertEquals(204, out.status());
        assertTrue(out.header("Set-Cookie"), out.header("Set-Cookie").contains("Max-Age=0"));
        Reply after = api.get("/me").header("Cookie", cookie).send();
        assertEquals(401, after.status());
        assertTrue(after.header("WWW-Authenticate").contains("invalid_token"));
        Reply nobody = api.get("/session").header("Cookie", cookie).send();
        assertEquals(nobody.text(), 200, nobody.status());
        assertTrue(nobody.text(), nobody.json().get("user").isNull() && nobody.json().get("csrfToken").isNull());
        assertTrue(api.get("/session").send().json().get("user").isNull());
        assertEquals(401, api.get("/session").header("Authorization", "Bearer nope").send().status());
    }

    @Test
    public void aDeactivatedUsersSessionEndsAtOnce() {
        User dora = cp.user("dora", Role.VIEWER, PASSWORD);
        String cookie = "picloud_session=" + token(login("dora", PASSWORD, "198.51.100.6"));
        assertEquals(200, api.get("/me").header("Cookie", cookie).send().status());
        assertEquals(200, api.patch("/users/" + dora.id()).key(ControlPlane.OWNER_KEY).json("{\"active\":false}")
                .send().status());
        assertEquals(401, api.get("/me").header("Cookie", cookie).send().status());
        assertEquals("no login either", 401, login("dora", PASSWORD, "198.51.100.6").status());
    }

    @Test
    public void wrongCredentialsAre401() {
        Reply wrong = login("carol", "not the password", "198.51.100.7");
        assertEquals(401, wrong.status());
        assertEquals("bad_credentials", wrong.code());
        assertEquals("bad_credentials", login("nobody", PASSWORD, "198.51.100.7").code());
        assertEquals("password", api.post("/session").from("198.51.100.7").json("{\"username\":\"carol\"}").send()
                .field());
        assertEquals("a user without a password cannot log in", 401, login("owner", "", "198.51.100.7").status());
    }

    @Test
    public void afterFiveFailuresForAUsernameEvenTheRightPasswordIs429() {
        cp.user("eddie", Role.VIEWER, PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login("eddie", "wrong password " + i, "203.0.113." + (10 + i)).status());
        }
        Reply blocked = login("eddie", PASSWORD, "203.0.113.99");
        assertEquals(blocked.toString(), 429, blocked.status());
        assertEquals("too_many_attempts", blocked.code());
        long retry = Long.parseLong(blocked.header("Retry-After"));
        assertTrue("retry " + retry, retry > 0 && retry <= 15 * 60 + 1);
        assertEquals(429, login("eddie", "wrong again", "203.0.113.99").status());
        assertEquals("other users are not blocked", 200, login("carol", PASSWORD, "203.0.113.98").status());
    }

    @Test
    public void afterFiveFailuresFromAnAddressEveryLoginFromItIs429() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login("guess" + i, "wrong password", "203.0.113.200").status());
        }
        Reply blocked = login("carol", PASSWORD, "203.0.113.200");
        assertEquals(429, blocked.status());
        assertTrue(blocked.header("Retry-After") != null);
        assertEquals("from elsewhere it works", 200, login("carol", PASSWORD, "203.0.113.201").status());
        // behind the trusted proxy, the forwarded address counts
        assertEquals(429, api.post("/session").from("127.0.0.1").header("X-Forwarded-For", "203.0.113.200")
                .json(body("carol", PASSWORD)).send().status());
    }

    private static Reply login(String username, String password, String address) {
        return api.post("/session").from(address).json(body(username, password)).send();
    }

    private static String body(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    private static String token(Reply login) {
        String cookie = login.header("Set-Cookie");
        return cookie.substring("picloud_session=".length(), cookie.indexOf(';'));
    }
}
