package io.picloud.trigger.api;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ScheduledTriggerType#nextFires} answers: the time zone of the binding's schedule and its next fire
 * times, oldest first (possibly fewer than asked, or none, when the schedule ends).
 *
 * @since 0.6
 */
public record FireTimes(ZoneId zone, List<Instant> times) {
    public FireTimes {
        Objects.requireNonNull(zone, "zone");
        times = List.copyOf(times);
    }
}
