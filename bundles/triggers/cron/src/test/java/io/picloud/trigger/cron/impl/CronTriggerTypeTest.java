package io.picloud.trigger.cron.impl;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerEvent;
import io.picloud.trigger.api.TriggerResult;
import org.junit.After;
import org.junit.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class CronTriggerTypeTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T11:59:00Z"));
    private final CronTriggerType type = new CronTriggerType(clock);

    @After
    public void stop() {
        type.deactivate();
    }

    private static Map<String, Object> config(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private void assertInvalid(String field, Map<String, Object> config) {
        try {
            type.validate(config);
            fail("accepted " + config);
        } catch (TriggerConfigException e) {
            assertEquals(e.getMessage(), field, e.field());
        }
    }

    @Test
    public void validationNamesTheField() throws Exception {
        type.validate(config("schedule", "*/5 * * * *", "timezone", "Europe/Berlin", "overlap", "queue",
                "missed", "once"));
        assertInvalid("schedule", config());
        assertInvalid("schedule", config("schedule", "every five minutes"));
        assertInvalid("schedule", config("schedule", "0 0 30 2 *"));
        assertInvalid("schedule", config("schedule", 5L));
        assertInvalid("timezone", config("schedule", "@daily", "timezone", "Mars/Olympus"));
        assertInvalid("overlap", config("schedule", "@daily", "overlap", "parallel"));
        assertInvalid("missed", config("schedule", "@daily", "missed", "all"));
        assertInvalid("schedul", config("schedul", "@daily"));
        assertTrue(type.descriptor().configSchema().contains("\"schedule\""));
        assertEquals("cron", type.descriptor().id());
    }

    private CronJob open(RecordingCallback callback, Map<String, Object> config, Instant lastFired) throws Exception {
        return (CronJob) type.open(new TriggerBinding("b1", "cron", "job", config, true, lastFired), callback);
    }

    @Test
    public void armsForTheNextDueTimeAndFiresWithTheDueTime() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        CronJob job = open(callback, config("schedule", "0 12 * * *", "timezone", "UTC"), null);
        Instant due = Instant.parse("2026-06-01T12:00:00Z");
        assertEquals(due, job.nextDue());
        clock.set(due);
        job.wake(due);
        assertEquals(List.of("b1@2026-06-01T12:00:00Z"), callback.claims);
        TriggerEvent event = callback.fired.get(0);
        assertEquals(due, event.time());
        assertEquals("0 12 * * *", event.source());
        assertEquals("2026-06-01T12:00:00Z", ((Map<?, ?>) event.payload()).get("due"));
        assertEquals(Instant.parse("2026-06-02T12:00:00Z"), job.nextDue());
        job.close();
    }

    @Test
    public void anEarlyWakeSleepsAgainWithoutFiring() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        CronJob job = open(callback, config("schedule", "0 12 * * *"), null);
        job.wake(Instant.parse("2026-06-01T12:00:00Z"));     // clock still says 11:59
        assertTrue(callback.fired.isEmpty());
        assertTrue(callback.claims.isEmpty());
        job.close();
    }

    @Test
    public void onlyTheNodeThatClaimsTheDueTimeFires() throws Exception {
        Set<String> cluster = new HashSet<>();
        RecordingCallback node1 = new RecordingCallback(cluster);
        RecordingCallback node2 = new RecordingCallback(cluster);
        CronJob job1 = open(node1, config("schedule", "@every 1m"), null);
        CronJob job2 = open(node2, config("schedule", "@every 1m"), null);
        Instant due = Instant.parse("2026-06-01T12:00:00Z");
        assertEquals(due, job1.nextDue());
        assertEquals(due, job2.nextDue());
        clock.set(due.plusMillis(3));
        job2.wake(due);
        job1.wake(due);
        assertEquals(1, node2.fired.size());
        assertEquals(0, node1.fired.size());
        assertEquals(node1.claims, node2.claims);
        job1.close();
        job2.close();
    }

    @Test
    public void overlapSkipDropsARunDueWhileThePreviousStillRuns() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        CronJob job = open(callback, config("schedule", "@every 1m", "overlap", "skip"), null);
        Instant first = Instant.parse("2026-06-01T12:00:00Z");
        clock.set(first);
        job.wake(first);
        Instant second = first.plusSeconds(60);
        clock.set(second);
        job.wake(second);
        assertEquals(1, callback.fired.size());
        assertEquals("a skipped run is not claimed", 1, callback.claims.size());
        callback.runs.get(0).complete(TriggerResult.ok(null));
        Instant third = second.plusSeconds(60);
        clock.set(third);
        job.wake(third);
        assertEquals(2, callback.fired.size());
        assertEquals(third, callback.fired.get(1).time());
        job.close();
    }

    @Test
    public void overlapQueueRunsItAfterThePreviousOne() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        CronJob job = open(callback, config("schedule", "@every 1m", "overlap", "queue"), null);
        Instant first = Instant.parse("2026-06-01T12:00:00Z");
        clock.set(first);
        job.wake(first);
        Instant second = first.plusSeconds(60);
        clock.set(second);
        job.wake(second);
        assertEquals(1, callback.fired.size());
        assertEquals(1, job.queuedRuns());
        callback.runs.get(0).complete(TriggerResult.error("ErrorRuntime", "boom", 1, 1));
        assertEquals(2, callback.fired.size());
        assertEquals(second, callback.fired.get(1).time());
        assertTrue(job.running());
        callback.runs.get(1).complete(TriggerResult.ok(1L));
        assertFalse(job.running());
        job.close();
    }

    @Test
    public void missedOnceCatchesUpOneRunAtOpen() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        clock.set(Instant.parse("2026-06-01T15:10:00Z"));
        // last fired at 12:00; 13:00, 14:00 and 15:00 were missed
        open(callback, config("schedule", "@hourly", "missed", "once"), Instant.parse("2026-06-01T12:00:00Z"))
                .close();
        assertEquals(1, callback.fired.size());
        assertEquals(Instant.parse("2026-06-01T13:00:00Z"), callback.fired.get(0).time());
        assertEquals(true, callback.fired.get(0).attributes().get("missed"));
    }

    @Test
    public void missedSkipAndNeverFiredDoNotCatchUp() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        clock.set(Instant.parse("2026-06-01T15:10:00Z"));
        open(callback, config("schedule", "@hourly", "missed", "skip"), Instant.parse("2026-06-01T12:00:00Z"))
                .close();
        open(callback, config("schedule", "@hourly", "missed", "once"), null).close();
        // fired recently: nothing missed
        open(callback, config("schedule", "@hourly", "missed", "once"), Instant.parse("2026-06-01T15:00:00Z"))
                .close();
        assertTrue(callback.fired.isEmpty());
    }

    @Test
    public void closedJobsDoNotFire() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        CronJob job = open(callback, config("schedule", "@every 1m"), null);
        Instant due = job.nextDue();
        job.close();
        clock.set(due);
        job.wake(due);
        assertTrue(callback.fired.isEmpty());
    }
}
