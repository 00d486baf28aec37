package io.picloud.trigger.cron.impl;

import org.junit.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class CronExpressionTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant next(String cron, ZoneId zone, String after) {
        return Schedules.parse(cron, zone).next(Instant.parse(after));
    }

    private static void assertNext(String expected, String cron, ZoneId zone, String after) {
        assertEquals(cron + " after " + after, Instant.parse(expected), next(cron, zone, after));
    }

    @Test
    public void plainFieldsListsRangesStepsAndNames() {
        assertNext("2026-06-01T12:05:00Z", "*/5 * * * *", UTC, "2026-06-01T12:03:10Z");
        assertNext("2026-06-01T12:10:00Z", "*/5 * * * *", UTC, "2026-06-01T12:05:00Z");
        // Friday 2026-06-05 after nine: next weekday nine is Monday
        assertNext("2026-06-08T09:00:00Z", "0 9 * * MON-FRI", UTC, "2026-06-05T09:00:00Z");
        assertNext("2026-06-08T09:00:00Z", "0 9 * * 1-5", UTC, "2026-06-06T00:00:00Z");
        assertNext("2026-07-01T00:00:00Z", "0 0 1 jul *", UTC, "2026-06-01T00:00:00Z");
        assertNext("2026-06-01T10:20:00Z", "20,40 10-11 * * *", UTC, "2026-06-01T09:00:00Z");
        assertNext("2026-06-01T11:40:00Z", "20,40 10-11 * * *", UTC, "2026-06-01T11:20:00Z");
        assertNext("2026-06-02T10:20:00Z", "20,40 10-11 * * *", UTC, "2026-06-01T11:40:00Z");
        // 7 and 0 are both Sunday; 2026-06-07 is a Sunday
        assertNext("2026-06-07T00:00:00Z", "0 0 * * 7", UTC, "2026-06-03T00:00:00Z");
        assertNext("2026-06-07T00:00:00Z", "0 0 * * SUN", UTC, "2026-06-03T00:00:00Z");
    }

    @Test
    public void bothDayFieldsRestrictedMatchEither() {
        // day 15 or a Monday: after Wed 2026-06-03 comes Mon 06-08, then Mon 06-15 (both), then Mon 06-22
        assertNext("2026-06-08T00:00:00Z", "0 0 15 * MON", UTC, "2026-06-03T00:00:00Z");
        assertNext("2026-06-15T00:00:00Z", "0 0 15 * MON", UTC, "2026-06-08T00:00:00Z");
        assertNext("2026-06-15T00:00:00Z", "0 0 15 * ?", UTC, "2026-06-08T00:00:00Z");
    }

    @Test
    public void sixFieldsHaveSecondsFirst() {
        assertNext("2026-06-01T12:00:10Z", "*/10 * * * * *", UTC, "2026-06-01T12:00:00Z");
        assertNext("2026-06-01T12:00:30Z", "30 0 12 * * *", UTC, "2026-06-01T11:59:59.500Z");
    }

    @Test
    public void macros() {
        assertNext("2026-06-02T00:00:00Z", "@daily", UTC, "2026-06-01T00:00:00Z");
        assertNext("2026-06-01T13:00:00Z", "@hourly", UTC, "2026-06-01T12:00:00Z");
        assertNext("2027-01-01T00:00:00Z", "@yearly", UTC, "2026-06-01T12:00:00Z");
        assertNext("2026-07-01T00:00:00Z", "@monthly", UTC, "2026-06-01T12:00:00Z");
        assertNext("2026-06-07T00:00:00Z", "@weekly", UTC, "2026-06-01T12:00:00Z");
        // @daily is local midnight in the binding's zone
        assertNext("2026-06-01T22:00:00Z", "@daily", BERLIN, "2026-06-01T12:00:00Z");
    }

    @Test
    public void intervalsAreAlignedToTheEpochAndIgnoreTheZone() {
        assertNext("2026-06-01T12:05:00Z", "@every 5m", BERLIN, "2026-06-01T12:03:10Z");
        assertNext("2026-06-01T12:10:00Z", "@every 5m", BERLIN, "2026-06-01T12:05:00Z");
        assertNext("2026-06-01T13:30:00Z", "@every 1h30m", UTC, "2026-06-01T12:00:00Z");
        assertNext("2026-06-01T12:00:30Z", "@every 30s", UTC, "2026-06-01T12:00:00Z");
        // over the Berlin spring-forward, real elapsed time counts: 00:55Z, 01:00Z, 01:05Z
        assertNext("2026-03-29T01:00:00Z", "@every 5m", BERLIN, "2026-03-29T00:55:00Z");
        assertNext("2026-03-29T01:05:00Z", "@every 5m", BERLIN, "2026-03-29T01:00:00Z");
    }

    @Test
    public void berlinSpringForwardFiresSkippedTimeOnceAtTheEndOfTheGap() {
        // 2026-03-29 02:00 CET jumps to 03:00 CEST (01:00Z); 02:30 does not exist that day
        assertNext("2026-03-29T01:00:00Z", "30 2 * * *", BERLIN, "2026-03-28T12:00:00Z");
        assertNext("2026-03-30T00:30:00Z", "30 2 * * *", BERLIN, "2026-03-29T01:00:00Z");
        // four skipped matches collapse into one run at the end of the gap
        assertNext("2026-03-29T01:00:00Z", "*/15 2 * * *", BERLIN, "2026-03-29T00:00:00Z");
        assertNext("2026-03-30T00:00:00Z", "*/15 2 * * *", BERLIN, "2026-03-29T01:00:00Z");
        // a time after the gap is unaffected: 03:30 CEST = 01:30Z
        assertNext("2026-03-29T01:30:00Z", "30 3 * * *", BERLIN, "2026-03-28T12:00:00Z");
        // both 02:00 (skipped) and 03:00 (valid) match: they collapse into one run at 03:00 CEST
        assertNext("2026-03-29T01:00:00Z", "0 2,3 * * *", BERLIN, "2026-03-28T12:00:00Z");
        assertNext("2026-03-30T00:00:00Z", "0 2,3 * * *", BERLIN, "2026-03-29T01:00:00Z");
    }

    @Test
    public void berlinFallBackFiresTheRepeatedHourOnce() {
        // 2026-10-25 03:00 CEST falls back to 02:00 CET (01:00Z); 02:30 occurs at 00:30Z and 01:30Z
        assertNext("2026-10-25T00:30:00Z", "30 2 * * *", BERLIN, "2026-10-24T12:00:00Z");
        assertNext("2026-10-26T01:30:00Z", "30 2 * * *", BERLIN, "2026-10-25T00:30:00Z");
        // starting inside the second occurrence does not fire it again
        assertNext("2026-10-26T01:30:00Z", "30 2 * * *", BERLIN, "2026-10-25T01:10:00Z");
        // hourly: 02:00 CEST (00:00Z) fires, the repeated 02:00 CET (01:00Z) does not, 03:00 CET (02:00Z) does
        assertNext("2026-10-25T00:00:00Z", "0 * * * *", BERLIN, "2026-10-24T23:30:00Z");
        assertNext("2026-10-25T02:00:00Z", "0 * * * *", BERLIN, "2026-10-25T00:00:00Z");
    }

    @Test
    public void newYorkTransitions() {
        // 2026-03-08 02:00 EST jumps to 03:00 EDT (07:00Z)
        assertNext("2026-03-08T07:00:00Z", "30 2 * * *", NEW_YORK, "2026-03-07T12:00:00Z");
        assertNext("2026-03-09T06:30:00Z", "30 2 * * *", NEW_YORK, "2026-03-08T07:00:00Z");
        // 2026-11-01 02:00 EDT falls back to 01:00 EST (06:00Z); 01:30 occurs at 05:30Z and 06:30Z
        assertNext("2026-11-01T05:30:00Z", "30 1 * * *", NEW_YORK, "2026-10-31T12:00:00Z");
        assertNext("2026-11-02T06:30:00Z", "30 1 * * *", NEW_YORK, "2026-11-01T05:30:00Z");
        // a 9:00 job keeps 9:00 local across the change: 13:00Z in EDT, 14:00Z in EST
        assertNext("2026-10-31T13:00:00Z", "0 9 * * *", NEW_YORK, "2026-10-31T12:00:00Z");
        assertNext("2026-11-01T14:00:00Z", "0 9 * * *", NEW_YORK, "2026-10-31T13:00:00Z");
    }

    @Test
    public void impossibleDatesNeverFire() {
        assertNull(next("0 0 30 2 *", UTC, "2026-01-01T00:00:00Z"));
        // 29 February fires in the next leap year
        assertNext("2028-02-29T00:00:00Z", "0 0 29 2 *", UTC, "2026-01-01T00:00:00Z");
    }

    @Test
    public void badExpressionsSayWhichFieldIsWrong() {
        assertMessage("* * * *", "5 fields");
        assertMessage("61 * * * *", "minute field");
        assertMessage("* 24 * * *", "hour field");
        assertMessage("* * 0 * *", "day-of-month field");
        assertMessage("* * * 13 *", "month field");
        assertMessage("* * * * 8", "day-of-week field");
        assertMessage("* * * * MON#2", "not supported");
        assertMessage("*/0 * * * *", "step");
        assertMessage("5-1 * * * *", "backwards");
        assertMessage("1,,2 * * * *", "empty");
        assertMessage("@fortnightly", "unknown macro");
        assertMessage("@every", "duration");
        assertMessage("@every 5x", "not like");
        assertMessage("@every 0s", "between 1s");
    }

    private static void assertMessage(String schedule, String fragment) {
        try {
            Schedules.parse(schedule, UTC);
            fail("accepted " + schedule);
        } catch (IllegalArgumentException e) {
            assertTrue(schedule + ": " + e.getMessage(), e.getMessage().contains(fragment));
        }
    }
}
