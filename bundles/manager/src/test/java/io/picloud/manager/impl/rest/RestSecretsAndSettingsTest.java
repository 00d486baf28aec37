package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.Test;

/** {@code /scripts/{name}/secrets}, {@code /settings} and {@code /config}: rights, validation, no value shown. */
public class RestSecretsAndSettingsTest extends RestTeam {
    private static final String VALUE = "sk_test_0123456789abcdef";

    @Test
    public void secretsAreWriteOnly() throws Exception {
        assertEquals(201, api.put("/scripts/pay").key(alice).text("secret(\"STRIPE\")").send().status());
        Reply created = api.put("/scripts/pay/secrets/STRIPE").key(alice).text(VALUE).send();
        assertEquals(created.toString(), 201, created.status());
        assertFalse(created.text().contains(VALUE));
        assertEquals(200, api.put("/scripts/pay/secrets/STRIPE").key(alice).text(VALUE + "2").send().status());

        Reply list = api.get("/scripts/pay/secrets").key(viewer).send();
        assertEquals(200, list.status());
        assertEquals("STRIPE", list.json().get("secrets").get(0).get("name").asText());
        assertTrue(list.json().get("secrets").get(0).has("updatedAt"));
        assertFalse(list.text(), list.text().contains(VALUE));
        try (Connection c = cp.pg.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT encode(ciphertext, 'escape') FROM script_secrets")) {
            assertTrue(rs.next());
            assertFalse("sealed in the database", rs.getString(1).contains("sk_test"));
        }

        assertEquals(403, api.put("/scripts/pay/secrets/STRIPE").key(bob).text("x").send().status());
        assertEquals(403, api.put("/scripts/pay/secrets/STRIPE").key(viewer).text("x").send().status());
        assertEquals(403, api.delete("/scripts/pay/secrets/STRIPE").key(bob).send().status());
        assertEquals("name", api.put("/scripts/pay/secrets/lower").key(alice).text("x").send().field());
        assertEquals("value", api.put("/scripts/pay/secrets/EMPTY").key(alice).text("").send().field());
        assertEquals(404, api.put("/scripts/ghost/secrets/K").key(admin).text("x").send().status());

        assertEquals(204, api.delete("/scripts/pay/secrets/STRIPE").key(alice).send().status());
        assertEquals(404, api.delete("/scripts/pay/secrets/STRIPE").key(alice).send().status());
        assertEquals(0, api.get("/scripts/pay/secrets").key(alice).send().json().get("secrets").size());
    }

    @Test
    public void settingsAndConfigAreTheScriptsOwnersToChange() {
        assertEquals(201, api.put("/scripts/cfg").key(alice).text("config.n").send().status());
        Reply settings = api.get("/scripts/cfg/settings").key(viewer).send();
        assertEquals(200, settings.status());
        assertEquals("cfg", settings.json().get("kvNamespace").asText());
        assertTrue(settings.json().get("allowHosts").isNull());

        Reply put = api.put("/scripts/cfg/settings").key(alice)
                .json("{\"allowHosts\":[\"API.example.com\",\"*.example.org\"]}").send();
        assertEquals(put.toString(), 200, put.status());
        assertEquals("api.example.com", put.json().get("allowHosts").get(0).asText());
        assertEquals("allowHosts", api.put("/scripts/cfg/settings").key(alice)
                .json("{\"allowHosts\":[\"http://x\"]}").send().field());
        assertEquals("kvNamespace", api.put("/scripts/cfg/settings").key(alice)
                .json("{\"kvNamespace\":\"Bad Name\"}").send().field());
        assertEquals(403, api.put("/scripts/cfg/settings").key(bob).json("{}").send().status());

        Reply config = api.put("/scripts/cfg/config").key(alice).json("{\"n\":41,\"f\":1.0,\"s\":\"x\"}").send();
        assertEquals(config.toString(), 200, config.status());
        assertEquals(41, api.get("/scripts/cfg/config").key(viewer).send().json().get("n").asInt());
        assertEquals(400, api.put("/scripts/cfg/config").key(alice).json("[1]").send().status());
        assertEquals(403, api.put("/scripts/cfg/config").key(viewer).json("{}").send().status());
        assertEquals("the host list stays when the config changes", "api.example.com",
                api.get("/scripts/cfg/settings").key(alice).send().json().get("allowHosts").get(0).asText());
    }

    @Test
    public void aKvNamespaceIsSharedOnlyBetweenScriptsOfOneOwner() {
        assertEquals(201, api.put("/scripts/counter-a").key(alice).text("1").send().status());
        assertEquals(201, api.put("/scripts/counter-b").key(alice).text("1").send().status());
        assertEquals(201, api.put("/scripts/bobs").key(bob).text("1").send().status());
        assertEquals(200, api.put("/scripts/counter-b/settings").key(alice)
                .json("{\"kvNamespace\":\"counter-a\"}").send().status());
        Reply stolen = api.put("/scripts/bobs/settings").key(bob).json("{\"kvNamespace\":\"counter-a\"}").send();
        assertEquals(stolen.toString(), 403, stolen.status());
        assertTrue(stolen.text(), stolen.text().contains("another owner"));
        assertEquals("an admin may", 200, api.put("/scripts/bobs/settings").key(admin)
                .json("{\"kvNamespace\":\"counter-a\"}").send().status());
    }
}
