package io.picloud.trigger.cron.impl;

import io.picloud.trigger.api.TriggerBinding;
import io.picloud.trigger.api.TriggerResult;
import org.junit.After;
import org.junit.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * Due times that find the database away follow the missed-run policy without a reopen: {@code once} fires the latest
 * of them once the database is back (once across nodes), {@code skip} skips them. The test drives the timer's and
 * the retry's callbacks itself ({@link CronJob#wake}, {@link CronJob#retryMissed}).
 */
public class CronOutageTest {
    private static final Instant NOON = Instant.parse("2026-06-01T12:00:00Z");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T11:59:00Z"));
    private final CronTriggerType type = new CronTriggerType(clock);

    @After
    public void stop() {
        type.deactivate();
    }

    private CronJob open(RecordingCallback callback, String missed) throws Exception {
        return (CronJob) type.open(new TriggerBinding("b1", "cron", "job",
                Map.of("schedule", "@every 1m", "missed", missed), true, null), callback);
    }

    private static void wake(CronJob job, MutableClock clock, Instant due) {
        clock.set(due);
        job.wake(due);
    }

    @Test
    public void missedOnceFiresTheDueTimeOnceTheDatabaseIsBack() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        CronJob job = open(callback, "once");
        callback.databaseDown = true;
        wake(job, clock, NOON);
        assertTrue("nothing fired while the database is away", callback.fired.isEmpty());
        assertEquals(NOON, job.missedRun());
        job.retryMissed();                          // still away: waits on
        assertTrue(callback.fired.isEmpty());
        assertEquals(NOON, job.missedRun());

        callback.databaseDown = false;
        clock.set(NOON.plusSeconds(20));
        job.retryMissed();
        assertEquals(1, callback.fired.size());
        assertEquals(NOON, callback.fired.get(0).time());
        assertEquals(true, callback.fired.get(0).attributes().get("missed"));
        assertNull(job.missedRun());
        assertTrue(callback.claims.stream().allMatch(("b1@" + NOON)::equals));
        // and the schedule goes on as before: the next due time is armed, no reopen
        assertEquals(NOON.plusSeconds(60), job.nextDue());
    }

    @Test
    public void anOutageOverSeveralDueTimesFiresOnlyTheLatestAndOnlyOnOneNode() throws Exception {
        Set<String> cluster = new HashSet<>();
        RecordingCallback node1 = new RecordingCallback(cluster);
        RecordingCallback node2 = new RecordingCallback(cluster);
        CronJob job1 = open(node1, "once");
        CronJob job2 = open(node2, "once");
        node1.databaseDown = true;
        node2.databaseDown = true;
        for (Instant due : List.of(NOON, NOON.plusSeconds(60), NOON.plusSeconds(120))) {
            wake(job1, clock, due);
            wake(job2, clock, due);
        }
        assertEquals(NOON.plusSeconds(120), job1.missedRun());
        assertEquals(NOON.plusSeconds(120), job2.missedRun());

        node1.databaseDown = false;
        node2.databaseDown = false;
        job1.retryMissed();
        job2.retryMissed();
        assertEquals(1, node1.fired.size());
        assertEquals(NOON.plusSeconds(120), node1.fired.get(0).time());
        assertTrue("the other node's claim of the same due time lost", node2.fired.isEmpty());
        assertNull(job2.missedRun());
    }

    @Test
    public void missedSkipSkipsTheDueTimeAndGoesOn() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        CronJob job = open(callback, "skip");
        callback.databaseDown = true;
        wake(job, clock, NOON);
        assertNull("nothing kept to run later", job.missedRun());
        callback.databaseDown = false;
        job.retryMissed();
        assertTrue(callback.fired.isEmpty());
        wake(job, clock, NOON.plusSeconds(60));
        assertEquals(1, callback.fired.size());
        assertEquals(NOON.plusSeconds(60), callback.fired.get(0).time());
        assertEquals(false, callback.fired.get(0).attributes().get("missed"));
    }

    @Test
    public void aClaimedRunThatCouldNotBeQueuedIsMissedToo() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        CronJob job = open(callback, "once");
        wake(job, clock, NOON);
        assertEquals(1, callback.fired.size());
        // the runtime could not queue the run and gave the claim back (here: the test, as the runtime does)
        callback.claimed.remove("b1@" + NOON);
        callback.runs.get(0).complete(TriggerResult.error(TriggerResult.UNAVAILABLE,
                "the run could not be queued now (database unavailable)", 0, 0));
        assertEquals(NOON, job.missedRun());
        job.retryMissed();
        assertEquals(2, callback.fired.size());
        assertEquals(NOON, callback.fired.get(1).time());
        assertEquals(true, callback.fired.get(1).attributes().get("missed"));
        callback.runs.get(1).complete(TriggerResult.ok(Map.of("run", 7L)));
        assertNull(job.missedRun());
        assertFalse(job.running());
    }

    @Test
    public void closingForgetsTheMissedRun() throws Exception {
        RecordingCallback callback = new RecordingCallback();
        CronJob job = open(callback, "once");
        callback.databaseDown = true;
        wake(job, clock, NOON);
        job.close();
        callback.databaseDown = false;
        job.retryMissed();
        assertTrue(callback.fired.isEmpty());
        assertNull(job.missedRun());
    }
}
