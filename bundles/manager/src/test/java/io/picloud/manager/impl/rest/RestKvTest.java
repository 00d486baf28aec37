package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.picloud.api.ScriptSettings;
import io.picloud.manager.impl.rest.TestApi.Reply;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@code /kv/**}: a namespace exists while a script uses it; viewers read, whoever may change a script writes. */
public class RestKvTest extends RestTeam {
    @BeforeClass
    public static void scripts() {
        assertEquals(201, api.put("/scripts/counter").key(alice).text("kv::incr(\"visits\")").send().status());
        assertEquals(201, api.put("/scripts/shop-a").key(alice).text("1").send().status());
        assertEquals(201, api.put("/scripts/shop-b").key(alice).text("1").send().status());
        for (String s : new String[] {"shop-a", "shop-b"}) {
            cp.scriptStore.updateSettings(s, ScriptSettings.DEFAULT.withKvNamespace("shop"));
        }
    }

    @Before
    public void empty() throws Exception {
        cp.pg.execute("DELETE FROM kv_entries");
    }

    @Test
    public void putGetListDelete() {
        Reply put = api.put("/kv/counter/visits").key(alice).json("41").send();
        assertEquals(put.toString(), 200, put.status());
        assertEquals("visits", put.json().get("key").asText());
        assertEquals(41, put.json().get("value").asInt());
        assertTrue(put.json().get("expiresAt").isNull());
        assertEquals("an INT", "41", cp.kvStore.get("counter", "visits").orElseThrow().json());

        Reply got = api.get("/kv/counter/visits").key(viewer).send();
        assertEquals(got.toString(), 200, got.status());
        assertEquals(41, got.json().get("value").asInt());

        api.put("/kv/counter/ratio").key(alice).json("1.0").send();
        assertEquals("a FLOAT stays a FLOAT", "1.0", cp.kvStore.get("counter", "ratio").orElseThrow().json());
        assertTrue(api.get("/kv/counter/ratio").key(viewer).send().json().get("value").isDouble());
        api.put("/kv/counter/cfg").key(alice).json("{\"b\":[1,2.5e3,\"x\"],\"a\":null}").send();
        assertEquals("{\"a\": null, \"b\": [1, 2500.0, \"x\"]}",
                cp.kvStore.get("counter", "cfg").orElseThrow().json());

        Reply list = api.get("/kv/counter").key(viewer).send();
        assertEquals(list.toString(), 200, list.status());
        assertEquals("counter", list.json().get("namespace").asText());
        assertEquals(3, list.json().get("entries").size());
        assertEquals("cfg", list.json().get("entries").get(0).get("key").asText());
        assertEquals("x", list.json().get("entries").get(0).get("value").get("b").get(2).asText());
        Reply prefixed = api.get("/kv/counter?prefix=r&limit=1").key(viewer).send();
        assertEquals(1, prefixed.json().get("entries").size());
        assertEquals("ratio", prefixed.json().get("entries").get(0).get("key").asText());
        assertEquals("limit", api.get("/kv/counter?limit=1001").key(viewer).send().field());

        Reply deleted = api.delete("/kv/counter/ratio").key(alice).send();
        assertEquals(204, deleted.status());
        assertEquals(404, api.delete("/kv/counter/ratio").key(alice).send().status());
        assertEquals(404, api.get("/kv/counter/ratio").key(alice).send().status());
    }

    @Test
    public void anEncodedSlashStaysInTheKey() {
        Reply put = api.put("/kv/counter/cart%2F42%20x+y").key(alice).json("[1]").send();
        assertEquals(put.toString(), 200, put.status());
        assertEquals("cart/42 x+y", put.json().get("key").asText());
        assertTrue(cp.kvStore.get("counter", "cart/42 x+y").isPresent());
        assertEquals(200, api.get("/kv/counter/cart%2F42%20x+y").key(viewer).send().status());
        Reply list = api.get("/kv/counter?prefix=cart%2F").key(viewer).send();
        assertEquals(1, list.json().get("entries").size());
        assertEquals("a '/' not encoded is another path", 404, api.get("/kv/counter/cart/42").key(viewer).send()
                .status());
        assertEquals(400, api.get("/kv/counter/bad%zz").key(viewer).send().status());
        assertEquals(204, api.delete("/kv/counter/cart%2F42%20x+y").key(alice).send().status());
    }

    @Test
    public void ttlAndBadInputNameTheirField() {
        Reply put = api.put("/kv/counter/session?ttl=60").key(alice).json("\"s\"").send();
        assertEquals(put.toString(), 200, put.status());
        assertFalse(put.json().get("expiresAt").isNull());
        assertEquals("ttl", api.put("/kv/counter/t?ttl=0").key(alice).json("1").send().field());
        assertEquals("ttl", api.put("/kv/counter/t?ttl=abc").key(alice).json("1").send().field());
        Reply notJson = api.put("/kv/counter/t").key(alice).json("{nope").send();
        assertEquals(400, notJson.status());
        assertEquals("value", notJson.field());
        assertEquals("value", api.put("/kv/counter/t").key(alice).json("null").send().field());
        assertEquals("value", api.put("/kv/counter/t").key(alice).json("").send().field());
        assertEquals(415, api.put("/kv/counter/t").key(alice).text("1").send().status());
        Reply longKey = api.put("/kv/counter/" + "k".repeat(513)).key(alice).json("1").send();
        assertEquals("key", longKey.field());
        assertEquals("key", api.put("/kv/counter/a%0Ab").key(alice).json("1").send().field());
    }

    @Test
    public void rightsFollowTheNamespacesScripts() {
        assertEquals(200, api.put("/kv/shop/stock").key(alice).json("3").send().status());
        assertEquals("viewers read", 200, api.get("/kv/shop/stock").key(viewer).send().status());
        assertEquals("other developers read", 200, api.get("/kv/shop").key(bob).send().status());
        for (Reply r : new Reply[] {
                api.put("/kv/shop/stock").key(viewer).json("4").send(),
                api.put("/kv/shop/stock").key(bob).json("4").send(),
                api.delete("/kv/shop/stock").key(bob).send()}) {
            assertEquals(r.toString(), 403, r.status());
            assertEquals("forbidden", r.code());
            assertTrue(r.message(), r.message().contains("shop-a, shop-b"));
        }
        assertEquals("3", cp.kvStore.get("shop", "stock").orElseThrow().json());
        assertEquals("admins write", 200, api.put("/kv/shop/stock").key(admin).json("5").send().status());
        assertEquals(200, api.put("/kv/shop/stock").key(OWNER).json("6").send().status());
        assertEquals(401, api.get("/kv/shop/stock").send().status());
        assertEquals(401, api.put("/kv/shop/stock").json("1").send().status());

        assertEquals("a namespace no script uses", 404, api.get("/kv/nobody").key(admin).send().status());
        assertEquals(404, api.get("/kv/nobody/k").key(admin).send().status());
        assertEquals(404, api.put("/kv/nobody/k").key(admin).json("1").send().status());
        assertEquals("no namespace shop-a any more", 404, api.get("/kv/shop-a").key(admin).send().status());
    }
}
