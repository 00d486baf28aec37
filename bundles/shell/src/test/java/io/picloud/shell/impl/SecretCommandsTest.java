package io.picloud.shell.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.picloud.api.SecretStore;
import io.picloud.api.control.OperationException;
import io.picloud.api.control.Principal;
import io.picloud.api.control.SecretService;
import org.junit.Test;

/** picloud:secrets, secret-set and secret-delete over the SecretService; the value is asked for, never echoed. */
public class SecretCommandsTest {
    private final Fakes.Principals principals = new Fakes.Principals();
    private final Fakes.FakeSession session = new Fakes.FakeSession();
    private final FakeSecrets secrets = new FakeSecrets();

    static final class FakeSecrets implements SecretService {
        final Map<String, String> values = new TreeMap<>();
        final List<Principal> callers = new ArrayList<>();

        @Override
        public List<SecretStore.SecretInfo> list(Principal p, String script) {
            callers.add(p);
            return values.keySet().stream().map(n -> new SecretStore.SecretInfo(n, Instant.EPOCH)).toList();
        }

        @Override
        public boolean put(Principal p, String script, String name, String value) {
            callers.add(p);
            return values.put(name, value) == null;
        }

        @Override
        public void delete(Principal p, String script, String name) {
            if (values.remove(name) == null) {
                throw OperationException.notFound("script " + script + " has no secret named " + name);
            }
        }
    }

    @Test
    public void aSecretIsSetFromAMaskedPromptListedByNameAndDeleted() {
        session.put("USER", "alice");
        SecretSetCommand set = Fakes.wire(new SecretSetCommand(), principals, session);
        set.secrets = secrets;
        set.script = "pay";
        set.name = "STRIPE";
        session.answers.add("sk_live_1");
        Fakes.Run run = Fakes.run(set);
        assertNull(run.message());
        assertEquals(Character.valueOf('*'), session.masks.get(0));
        assertEquals("sk_live_1", secrets.values.get("STRIPE"));
        assertFalse(run.out(), run.out().contains("sk_live"));

        SecretListCommand list = Fakes.wire(new SecretListCommand(), principals, session);
        list.secrets = secrets;
        list.script = "pay";
        Fakes.Run listed = Fakes.run(list);
        assertTrue(listed.out(), listed.out().startsWith("STRIPE"));
        assertFalse(listed.out().contains("sk_live"));

        SecretDeleteCommand delete = Fakes.wire(new SecretDeleteCommand(), principals, session);
        delete.secrets = secrets;
        delete.script = "pay";
        delete.name = "STRIPE";
        assertNull(Fakes.run(delete).message());
        assertTrue(Fakes.run(delete).message().contains("no secret named STRIPE"));
    }

    @Test
    public void anEmptyValueChangesNothing() {
        session.put("USER", "alice");
        SecretSetCommand set = Fakes.wire(new SecretSetCommand(), principals, session);
        set.secrets = secrets;
        set.script = "pay";
        set.name = "K";
        session.answers.add("");
        assertTrue(Fakes.run(set).message().contains("nothing changed"));
        assertTrue(secrets.values.isEmpty());
    }
}
