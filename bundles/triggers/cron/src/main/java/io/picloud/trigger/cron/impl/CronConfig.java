package io.picloud.trigger.cron.impl;

import io.picloud.trigger.api.TriggerConfigException;
import io.picloud.trigger.api.TriggerConfigs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A validated cron binding configuration. */
record CronConfig(String scheduleText, Schedule schedule, ZoneId zone, boolean queue, boolean catchUpOnce) {
    static final Set<String> FIELDS = Set.of("schedule", "timezone", "overlap", "missed");

    static final String SCHEMA = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
            + "\"required\":[\"schedule\"],\"additionalProperties\":false,\"properties\":{"
            + "\"schedule\":{\"type\":\"string\",\"description\":\"5-field cron (minute hour day month weekday), "
            + "6 fields with seconds first, @yearly @monthly @weekly @daily @hourly, or '@every 5m'\","
            + "\"examples\":[\"*/5 * * * *\",\"0 9 * * MON-FRI\",\"@daily\",\"@every 30s\"]},"
            + "\"timezone\":{\"type\":\"string\",\"default\":\"UTC\",\"description\":\"IANA time zone of the "
            + "cron fields, e.g. Europe/Berlin\"},"
            + "\"overlap\":{\"enum\":[\"skip\",\"queue\"],\"default\":\"skip\",\"description\":\"when a run is "
            + "due while the previous one still runs: skip it, or run it after the previous one\"},"
            + "\"missed\":{\"enum\":[\"skip\",\"once\"],\"default\":\"skip\",\"description\":\"runs missed while "
            + "PiCloud was down: skip them, or run once at start\"}}}";

    /**
     * The due time the timer arms next when it (re)arms at {@code after}: the schedule's next time in the zone, never
     * one already past (after a restart or a suspend the timer resumes from now instead of replaying missed runs).
     */
    Instant nextDue(Instant after) {
        return schedule.next(after);
    }

    /** The next {@code count} due times after {@code after}, as the timer arms them one after the other. */
    List<Instant> dueTimes(Instant after, int count) {
        List<Instant> out = new ArrayList<>(count);
        Instant t = after;
        while (out.size() < count && (t = nextDue(t)) != null) {
            out.add(t);
        }
        return out;
    }

    static CronConfig of(Map<String, Object> config, Instant now) throws TriggerConfigException {
        TriggerConfigs.onlyKnown(config, FIELDS);
        String zoneText = TriggerConfigs.string(config, "timezone", "UTC");
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw new TriggerConfigException("timezone", "'" + zoneText + "' is not an IANA time zone such as "
                    + "Europe/Berlin or UTC");
        }
        String text = TriggerConfigs.string(config, "schedule", null);
        Schedule schedule;
        try {
            schedule = Schedules.parse(text, zone);
            Schedules.requireFires(schedule, now);
        } catch (IllegalArgumentException e) {
            throw new TriggerConfigException("schedule", e.getMessage());
        }
        boolean queue = TriggerConfigs.oneOf(config, "overlap", "skip", Set.of("skip", "queue")).equals("queue");
        boolean once = TriggerConfigs.oneOf(config, "missed", "skip", Set.of("skip", "once")).equals("once");
        return new CronConfig(text, schedule, zone, queue, once);
    }
}
