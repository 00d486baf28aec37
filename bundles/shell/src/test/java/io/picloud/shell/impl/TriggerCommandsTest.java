package io.picloud.shell.impl;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import io.picloud.api.control.BindingService;
import io.picloud.api.control.OperationException;
import org.junit.Test;

public class TriggerCommandsTest {
    private final Fakes.Principals principals = new Fakes.Principals();
    private final Fakes.FakeSession session = new Fakes.FakeSession();
    private final Fakes.Bindings bindings = new Fakes.Bindings();

    private TriggerAddCommand add(String type, String script, String... pairs) {
        TriggerAddCommand c = Fakes.wire(new TriggerAddCommand(), principals, session);
        c.bindings = bindings;
        c.type = type;
        c.script = script;
        c.pairs = List.of(pairs);
        return c;
    }

    @Test
    public void addPassesTheParsedConfigurationAndTheShellUser() {
        session.put("USER", "dev1");
        TriggerAddCommand c = add("cron", "nightly", "schedule=0 3 * * *", "jitter=5");
        c.disabled = true;
        Fakes.Run run = Fakes.run(c);
        assertNull(run.message());
        assertEquals("Added trigger binding b1 (cron -> nightly, disabled)\n", run.out());
        Object[] call = bindings.created.get(0);
        assertEquals("cron", call[0]);
        assertEquals("nightly", call[1]);
        assertEquals(Map.of("schedule", "0 3 * * *", "jitter", 5L), call[2]);
        assertEquals(false, call[3]);
        assertEquals("dev1", bindings.callers.get(0).username());
    }

    @Test
    public void anInvalidConfigurationIsTheServicesMessageNamingTheField() {
        bindings.refusal = new OperationException(OperationException.Kind.UNPROCESSABLE, "invalid_config",
                "not a cron expression: 61 * * * *", "config.schedule", 0, null);
        Fakes.Run run = Fakes.run(add("cron", "nightly", "schedule=61 * * * *"));
        assertEquals("Not a cron expression: 61 * * * * (field config.schedule)", run.message());
        assertTrue(bindings.views.isEmpty());
    }

    @Test
    public void badPairsAreRefusedBeforeTheService() {
        Fakes.Run run = Fakes.run(add("cron", "nightly", "novalue"));
        assertEquals("Expected key=value, got 'novalue'", run.message());
        assertTrue(bindings.callers.isEmpty());
    }

    @Test
    public void listShowsWhatTheServiceReturnsMaskedAndMerged() {
        bindings.views.put("w1", new BindingService.BindingView("w1", "webhook", "hook", Map.of("secret", "********"),
                true, "DEGRADED", "node-b: port busy", List.of(), null, "alice"));
        bindings.views.put("c1", new BindingService.BindingView("c1", "cron", "nightly", Map.of("schedule", "@daily"),
                false, "DISABLED", null, List.of(), null, "bob"));
        TriggerListCommand list = Fakes.wire(new TriggerListCommand(), principals, session);
        list.bindings = bindings;
        list.type = "webhook";
        String out = Fakes.run(list).out();
        assertTrue(out, out.contains("secret=********"));
        assertTrue(out, out.contains("DEGRADED"));
        assertTrue(out, out.contains("node-b: port busy"));
        assertTrue(out, out.contains("alice"));
        assertTrue(out, !out.contains("nightly"));
    }

    @Test
    public void enableDisableRemoveGoThroughTheService() {
        Fakes.run(add("cron", "nightly", "schedule=@daily"));
        TriggerDisableCommand disable = Fakes.wire(new TriggerDisableCommand(), principals, session);
        disable.bindings = bindings;
        disable.id = "b1";
        assertEquals("Trigger binding b1 is disabled\n", Fakes.run(disable).out());
        assertEquals("DISABLED", bindings.views.get("b1").status());

        TriggerEnableCommand enable = Fakes.wire(new TriggerEnableCommand(), principals, session);
        enable.bindings = bindings;
        enable.id = "b1";
        assertEquals("Trigger binding b1 is enabled\n", Fakes.run(enable).out());

        TriggerRemoveCommand remove = Fakes.wire(new TriggerRemoveCommand(), principals, session);
        remove.bindings = bindings;
        remove.id = "b1";
        bindings.refusal = OperationException.forbidden("the bindings of nightly are managed by its owner or an admin");
        assertEquals("Not allowed: the bindings of nightly are managed by its owner or an admin",
                Fakes.run(remove).message());
        assertTrue(bindings.views.containsKey("b1"));
        bindings.refusal = null;
        assertEquals("Removed trigger binding b1\n", Fakes.run(remove).out());
        assertEquals("No trigger binding b1", Fakes.run(remove).message());
    }

    @Test
    public void typesListAndSchema() {
        TriggerTypesCommand types = Fakes.wire(new TriggerTypesCommand(), principals, session);
        types.bindings = bindings;
        assertTrue(Fakes.run(types).out().contains("On a schedule"));
        types.type = "cron";
        assertEquals("{\"type\":\"object\"}\n", Fakes.run(types).out());
        types.type = "mqtt";
        assertEquals("No trigger type mqtt is installed", Fakes.run(types).message());
    }
}
