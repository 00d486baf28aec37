package io.picloud.manager.impl.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.picloud.manager.impl.rest.TestApi.Reply;
import io.picloud.trigger.api.FireTimes;
import io.picloud.trigger.api.ScheduledTriggerType;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerCallback;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerConfigs;
import io.picloud.trigger.api.TriggerDescriptor;
import io.picloud.trigger.api.TriggerHandle;
import io.picloud.trigger.api.TriggerType;
import org.junit.BeforeClass;
import org.junit.Test;

/** {@code /triggers/{id}/next-fires} and {@code /trigger-types/{type}/next-fires}, from the type's own schedule. */
public class RestNextFiresTest extends RestTeam {
    @BeforeClass
    public static void types() {
        cp.addTriggerType("tick", new TickType());
        cp.addTriggerType("fake", new RestTriggersTest.FakeType());
        assertEquals(201, api.put("/scripts/ticked").key(alice).text("1").send().status());
    }

    @Test
    public void aStoredBindingsNextFiresInItsZone() {
        Reply created = api.post("/triggers").key(alice).json("{\"type\":\"tick\",\"script\":\"ticked\",\"config\":"
                + "{\"every\":3600,\"timezone\":\"Asia/Kolkata\"}}").send();
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().get("id").asText();
        Reply r = api.get("/triggers/" + id + "/next-fires").key(viewer).send();
        assertEquals(r.toString(), 200, r.status());
        assertEquals("Asia/Kolkata", r.json().get("timeZone").asText());
        List<Instant> fires = times(r.json().get("fires"), "+05:30");
        assertEquals("five by default", 5, fires.size());
        assertTrue(fires.get(0).isAfter(Instant.now().minusSeconds(1)));
        assertEquals(0, fires.get(0).getEpochSecond() % 3600);
        assertEquals(3600, fires.get(1).getEpochSecond() - fires.get(0).getEpochSecond());
        assertEquals(50, api.get("/triggers/" + id + "/next-fires?count=50").key(viewer).send().json().get("fires")
                .size());
        assertEquals(400, api.get("/triggers/" + id + "/next-fires?count=51").key(viewer).send().status());
        assertEquals(400, api.get("/triggers/" + id + "/next-fires?count=0").key(viewer).send().status());
        assertEquals(404, api.get("/triggers/nope/next-fires").key(viewer).send().status());
    }

    @Test
    public void aPreviewOfAnUnsavedForm() {
        Reply r = api.post("/trigger-types/tick/next-fires").key(alice).json("{\"config\":{\"every\":60},"
                + "\"count\":3}").send();
        assertEquals(r.toString(), 200, r.status());
        assertEquals("UTC", r.json().get("timeZone").asText());
        assertEquals(3, times(r.json().get("fires"), "Z").size());
    }

    @Test
    public void anInvalidConfigIs422NamingTheFieldAsOnCreate() {
        Reply preview = api.post("/trigger-types/tick/next-fires").key(alice).json("{\"config\":{\"every\":-5}}")
                .send();
        assertEquals(preview.toString(), 422, preview.status());
        assertEquals("invalid_config", preview.code());
        assertEquals("config.every", preview.field());
        Reply create = api.post("/triggers").key(alice).json("{\"type\":\"tick\",\"script\":\"ticked\",\"config\":"
                + "{\"every\":-5}}").send();
        assertEquals(create.status(), preview.status());
        assertEquals(create.field(), preview.field());
        Reply zone = api.post("/trigger-types/tick/next-fires").key(alice).json("{\"config\":{\"every\":5,"
                + "\"timezone\":\"Mars/Olympus\"}}").send();
        assertEquals("config.timezone", zone.field());
        assertEquals("config", api.post("/trigger-types/tick/next-fires").key(alice).json("{\"config\":[]}").send()
                .field());
        assertEquals("count", api.post("/trigger-types/tick/next-fires").key(alice).json("{\"config\":{\"every\":5},"
                + "\"count\":99}").send().field());
    }

    @Test
    public void aTypeWithoutAScheduleIsNotScheduled() {
        Reply r = api.post("/trigger-types/fake/next-fires").key(alice).json("{\"config\":{\"topic\":\"t\"}}").send();
        assertEquals(r.toString(), 422, r.status());
        assertEquals("not_scheduled", r.code());
        Reply created = api.post("/triggers").key(alice).json("{\"type\":\"fake\",\"script\":\"ticked\",\"config\":"
                + "{\"topic\":\"t\"}}").send();
        Reply stored = api.get("/triggers/" + created.json().get("id").asText() + "/next-fires").key(alice).send();
        assertEquals(422, stored.status());
        assertEquals("not_scheduled", stored.code());
        Reply missing = api.post("/trigger-types/nope/next-fires").key(alice).json("{\"config\":{}}").send();
        assertEquals(422, missing.status());
        assertEquals("unknown_type", missing.code());
    }

    /** The fire times, each written with the zone's offset {@code offset}. */
    private static List<Instant> times(JsonNode fires, String offset) {
        List<Instant> out = new ArrayList<>();
        for (JsonNode f : fires) {
            assertTrue(f.asText(), f.asText().endsWith(offset));
            out.add(OffsetDateTime.parse(f.asText()).toInstant());
        }
        return out;
    }

    /** Fires every {@code every} seconds since the epoch, shown in {@code timezone}. */
    static final class TickType implements TriggerType, ScheduledTriggerType {
        @Override
        public TriggerDescriptor descriptor() {
            return new TriggerDescriptor("tick", "Tick", "for tests", "{\"type\":\"object\"}");
        }

        @Override
        public void validate(Map<String, Object> config) throws TriggerConfigException {
            TriggerConfigs.onlyKnown(config, Set.of("every", "timezone"));
            Object every = config.get("every");
            if (!(every instanceof Number n) || n.longValue() < 1) {
                throw new TriggerConfigException("every", "must be a positive number of seconds");
            }
            zone(config);
        }

        private static ZoneId zone(Map<String, Object> config) throws TriggerConfigException {
            try {
                return ZoneId.of(TriggerConfigs.string(config, "timezone", "UTC"));
            } catch (java.time.DateTimeException e) {
                throw new TriggerConfigException("timezone", "not a time zone");
            }
        }

        @Override
        public FireTimes nextFires(Map<String, Object> config, Instant after, int count)
                throws TriggerConfigException {
            validate(config);
            long every = ((Number) config.get("every")).longValue();
            List<Instant> out = new ArrayList<>();
            long t = Math.floorDiv(after.getEpochSecond(), every) * every;
            for (int i = 0; i < count; i++) {
                t += every;
                out.add(Instant.ofEpochSecond(t));
            }
            return new FireTimes(zone(config), out);
        }

        @Override
        public TriggerHandle open(TriggerBinding binding, TriggerCallback callback) {
            throw new UnsupportedOperationException();
        }
    }
}
