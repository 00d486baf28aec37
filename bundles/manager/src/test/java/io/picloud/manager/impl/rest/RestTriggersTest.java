package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Set;

import io.picloud.manager.impl.rest.TestApi.Reply;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerConfigs;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerType;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@code /triggers} and {@code /trigger-types}: masking, 422s naming the field, and the script owners' rights. */
public class RestTriggersTest extends RestTeam {
    private static final String SECRET = "s3cret-value-never-shown";

    @BeforeClass
    public static void typeAndScript() {
        cp.addTriggerType("fake", new FakeType());
        assertEquals(201, api.put("/scripts/target").key(alice).text("42").send().status());
    }

    @Test
    public void aBindingsLifecycleWithAMaskedSecret() {
        Reply created = api.post("/triggers").key(alice).json("{\"type\":\"fake\",\"script\":\"target\",\"config\":"
                + "{\"topic\":\"a/b\",\"secret\":\"" + SECRET + "\"}}").send();
        assertEquals(created.toString(), 201, created.status());
        assertFalse("secret echoed", created.text().contains(SECRET));
        String id = created.json().get("id").asText();
        assertEquals("/api/v1/triggers/" + id, created.header("Location"));
        assertEquals("alice", created.json().get("owner").asText());
        assertEquals(SECRET, cp.bindingStore.find(id).orElseThrow().config().get("secret"));

        Reply list = api.get("/triggers").key(viewer).send();
        assertEquals(1, list.json().get("triggers").size());
        assertFalse(list.text().contains(SECRET));
        assertEquals(id, api.get("/triggers/" + id).key(viewer).send().json().get("id").asText());

        Reply put = api.put("/triggers/" + id).key(alice).json("{\"config\":{\"topic\":\"c/d\",\"secret\":\""
                + api.get("/triggers/" + id).key(alice).send().json().get("config").get("secret").asText() + "\"}}")
                .send();
        assertEquals(put.toString(), 200, put.status());
        assertEquals("c/d", cp.bindingStore.find(id).orElseThrow().config().get("topic"));
        assertEquals("the mask keeps the secret", SECRET, cp.bindingStore.find(id).orElseThrow().config().get("secret"));
        assertFalse(api.post("/triggers/" + id + "/disable").key(alice).send().json().get("enabled").asBoolean());
        assertTrue(api.post("/triggers/" + id + "/enable").key(alice).send().json().get("enabled").asBoolean());
        assertEquals(204, api.delete("/triggers/" + id).key(alice).send().status());
        assertEquals(404, api.get("/triggers/" + id).key(alice).send().status());
    }

    @Test
    public void configErrorsAre422NamingTheField() {
        assertInvalid("{\"type\":\"fake\",\"script\":\"target\",\"config\":{}}", "invalid_config", "config.topic");
        assertInvalid("{\"type\":\"fake\",\"script\":\"target\",\"config\":{\"topic\":\"t\",\"secret\":\"short\"}}",
                "invalid_config", "config.secret");
        assertInvalid("{\"type\":\"nope\",\"script\":\"target\",\"config\":{}}", "unknown_type", "type");
        assertInvalid("{\"type\":\"fake\",\"script\":\"no-such-script\",\"config\":{\"topic\":\"t\"}}",
                "unknown_script", "script");
        assertInvalid("{\"script\":\"target\"}", "invalid_binding", "type");
        assertInvalid("{\"type\":\"fake\",\"script\":\"target\",\"config\":[]}", "invalid_config", "config");
        assertInvalid("{\"type\":\"fake\",\"script\":\"target\",\"enabled\":\"yes\"}", "invalid_binding", "enabled");
        Reply unknown = api.post("/triggers").key(OWNER).json("{\"type\":\"fake\",\"colour\":1}").send();
        assertEquals(400, unknown.status());
        assertEquals("colour", unknown.field());
        assertEquals(0, cp.bindingStore.list().size());
    }

    @Test
    public void theBindingsOfAScriptAreItsOwnersAndAdmins() {
        String body = "{\"type\":\"fake\",\"script\":\"target\",\"config\":{\"topic\":\"x\"}}";
        Reply bobs = api.post("/triggers").key(bob).json(body).send();
        assertEquals(403, bobs.status());
        assertTrue(bobs.message(), bobs.message().contains("alice"));
        assertEquals(403, api.post("/triggers").key(viewer).json(body).send().status());
        String id = api.post("/triggers").key(alice).json(body).send().json().get("id").asText();
        assertEquals(403, api.put("/triggers/" + id).key(bob).json("{\"enabled\":false}").send().status());
        assertEquals(403, api.post("/triggers/" + id + "/disable").key(bob).send().status());
        assertEquals(403, api.delete("/triggers/" + id).key(bob).send().status());
        Reply byOwner = api.put("/triggers/" + id).key(OWNER).json("{\"enabled\":false}").send();
        assertEquals(byOwner.toString(), 200, byOwner.status());
        assertEquals("the creator stays the binding's owner", "alice", byOwner.json().get("owner").asText());
        assertEquals(204, api.delete("/triggers/" + id).key(OWNER).send().status());
    }

    @Test
    public void triggerTypesAreListed() {
        Reply types = api.get("/trigger-types").key(viewer).send();
        assertEquals("fake", types.json().get("types").get(0).get("id").asText());
        assertTrue(types.json().get("types").get(0).get("schema").get("properties").get("secret").get("writeOnly")
                .asBoolean());
        assertEquals("Fake", api.get("/trigger-types/fake").key(viewer).send().json().get("label").asText());
        assertEquals(404, api.get("/trigger-types/none").key(viewer).send().status());
    }

    private static void assertInvalid(String body, String code, String field) {
        Reply r = api.post("/triggers").key(OWNER).json(body).send();
        assertEquals(r.toString(), 422, r.status());
        assertEquals(r.toString(), code, r.code());
        assertEquals(r.toString(), field, r.field());
        assertFalse(r.toString(), r.text().contains("short\""));
    }

    /** A type with a required {@code topic} and an optional write-only {@code secret} of at least 8 characters. */
    static final class FakeType implements TriggerType {
        @Override
        public TriggerDescriptor descriptor() {
            return new TriggerDescriptor("fake", "Fake", "for tests",
                    "{\"type\":\"object\",\"required\":[\"topic\"],\"properties\":{\"topic\":{\"type\":\"string\"},"
                            + "\"secret\":{\"type\":\"string\",\"minLength\":8,\"writeOnly\":true}}}");
        }

        @Override
        public void validate(Map<String, Object> config) throws TriggerConfigException {
            TriggerConfigs.onlyKnown(config, Set.of("topic", "secret"));
            TriggerConfigs.string(config, "topic", null);
            if (config.containsKey("secret") && TriggerConfigs.string(config, "secret", null).length() < 8) {
                throw new TriggerConfigException("secret", "must have at least 8 characters");
            }
        }

        @Override
        public TriggerHandle open(TriggerBinding binding, TriggerCallback callback) {
            throw new UnsupportedOperationException();
        }
    }
}
