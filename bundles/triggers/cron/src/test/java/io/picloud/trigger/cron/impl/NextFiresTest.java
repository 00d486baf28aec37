package io.picloud.trigger.cron.impl;

import io.picloud.trigger.api.FireTimes;
import io.picloud.trigger.api.ScheduledTriggerType;
import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerConfigException;
import org.junit.After;
import org.junit.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** The cron type's next fire times: in the binding's zone, across DST changes, and what the timer really arms. */
public class NextFiresTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-10-24T12:00:00Z"));
    private final CronTriggerType type = new CronTriggerType(clock);

    @After
    public void stop() {
        type.deactivate();
    }

    private static Map<String, Object> config(String schedule, String zone) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("schedule", schedule);
        if (zone != null) {
            config.put("timezone", zone);
        }
        return config;
    }

    /** The times as the REST API writes them: local time with the offset in force then. */
    private static List<String> local(FireTimes fires) {
        List<String> out = new ArrayList<>();
        for (Instant t : fires.times()) {
            out.add(OffsetDateTime.ofInstant(t, fires.zone()).toString());
        }
        return out;
    }

    @Test
    public void theCronTypeHasASchedule() {
        assertTrue(type instanceof ScheduledTriggerType);
    }

    @Test
    public void aDailyJobKeepsItsLocalTimeAcrossTheFallBack() throws Exception {
        // Berlin falls back on 2026-10-25 at 03:00 CEST to 02:00 CET: 09:00 stays 09:00, the offset changes
        FireTimes fires = type.nextFires(config("0 9 * * *", "Europe/Berlin"), clock.instant(), 3);
        assertEquals(ZoneId.of("Europe/Berlin"), fires.zone());
        assertEquals(List.of("2026-10-25T09:00+01:00", "2026-10-26T09:00+01:00", "2026-10-27T09:00+01:00"),
                local(fires));
        assertEquals(Instant.parse("2026-10-25T08:00:00Z"), fires.times().get(0));
    }

    @Test
    public void theRepeatedHourFiresOnceAndTheSkippedHourAtTheEndOfTheGap() throws Exception {
        // 02:30 occurs twice on 2026-10-25 (CEST, then CET): it fires at the first only
        FireTimes fallBack = type.nextFires(config("30 2 * * *", "Europe/Berlin"), clock.instant(), 2);
        assertEquals(List.of("2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00"), local(fallBack));
        // 02:30 does not exist on 2026-03-29: the run comes at 03:00 CEST, where the gap ends
        FireTimes spring = type.nextFires(config("30 2 * * *", "Europe/Berlin"),
                Instant.parse("2026-03-28T12:00:00Z"), 2);
        assertEquals(List.of("2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00"), local(spring));
    }

    @Test
    public void intervalsCountRealTimeAndAreShownInTheZone() throws Exception {
        FireTimes fires = type.nextFires(config("@every 30m", "Europe/Berlin"), Instant.parse("2026-10-25T00:10:00Z"),
                4);
        // 02:30 CEST, 02:00 CET, 02:30 CET, 03:00 CET: every half hour of real time through the repeated hour
        assertEquals(List.of("2026-10-25T02:30+02:00", "2026-10-25T02:00+01:00", "2026-10-25T02:30+01:00",
                "2026-10-25T03:00+01:00"), local(fires));
    }

    @Test
    public void withoutAZoneTheTimesAreUtc() throws Exception {
        FireTimes fires = type.nextFires(config("*/15 * * * *", null), Instant.parse("2026-06-01T12:07:00Z"), 2);
        assertEquals(ZoneId.of("UTC"), fires.zone());
        assertEquals(List.of(Instant.parse("2026-06-01T12:15:00Z"), Instant.parse("2026-06-01T12:30:00Z")),
                fires.times());
    }

    @Test
    public void theFirstTimeIsTheOneAnOpenedBindingArms() throws Exception {
        Map<String, Object> config = config("0 12 * * MON-FRI", "America/New_York");
        CronJob job = (CronJob) type.open(new TriggerBinding("b1", "cron", "job", config, true, null),
                new RecordingCallback());
        try {
            assertEquals(job.nextDue(), type.nextFires(config, clock.instant(), 1).times().get(0));
        } finally {
            job.close();
        }
    }

    @Test
    public void rareDaysComeYearsApart() throws Exception {
        FireTimes fires = type.nextFires(config("0 0 29 2 *", null), Instant.parse("2026-01-01T00:00:00Z"), 3);
        assertEquals(List.of(Instant.parse("2028-02-29T00:00:00Z"), Instant.parse("2032-02-29T00:00:00Z"),
                Instant.parse("2036-02-29T00:00:00Z")), fires.times());
    }

    @Test
    public void anInvalidConfigNamesItsField() {
        assertField("schedule", config("every day", null));
        assertField("timezone", config("@daily", "Mars/Olympus"));
        assertField("schedule", new LinkedHashMap<>());
    }

    private void assertField(String field, Map<String, Object> config) {
        try {
            type.nextFires(config, clock.instant(), 5);
            fail("accepted " + config);
        } catch (TriggerConfigException e) {
            assertEquals(field, e.field());
        }
    }
}
